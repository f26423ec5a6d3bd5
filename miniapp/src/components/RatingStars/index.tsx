import { Text, View } from '@tarojs/components';
import './index.scss';

interface IProps {
  value: number;
  /** Given: the stars are buttons (the rating form); omitted: a read-only display of a saved rating. */
  onChange?: (value: number) => void;
}

/** Five stars, lit up to `value`: the same look in the rating form and on a saved rating. */
export default function RatingStars({ value, onChange }: IProps) {
  return (
    <View className="rating-stars" aria-label={`${value} 星`}>
      {[1, 2, 3, 4, 5].map((n) => (
        <Text
          key={n}
          className={`rating-stars__star${value >= n ? ' rating-stars__star--on' : ''}${onChange ? ' rating-stars__star--input' : ''}`}
          onClick={onChange ? () => onChange(n) : undefined}
        >
          ★
        </Text>
      ))}
    </View>
  );
}
