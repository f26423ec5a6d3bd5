import { Text } from '@tarojs/components';
import './index.scss';

interface IProps {
  /** The number dialled (full, when the privacy rules let this viewer call); null shows `display` without a link. */
  phone: string | null;
  /** What is shown: usually the masked number, or a label such as 拨打. */
  display: string;
}

/** H5: a plain `tel:` link, which every phone browser dials. The weapp build uses Taro.makePhoneCall (index.weapp.tsx). */
export default function PhoneCall({ phone, display }: IProps) {
  if (!phone) return <Text className="phone-call phone-call--plain">{display}</Text>;
  return (
    <a className="phone-call" href={`tel:${phone}`}>
      <Text className="phone-call__icon">☎</Text>
      {display}
    </a>
  );
}
