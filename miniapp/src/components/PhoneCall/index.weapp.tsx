import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import './index.scss';

interface IProps {
  phone: string | null;
  display: string;
}

/** WeChat has no tel: links: makePhoneCall opens the system dialler with the number. */
export default function PhoneCall({ phone, display }: IProps) {
  if (!phone) return <Text className="phone-call phone-call--plain">{display}</Text>;
  return (
    <Text className="phone-call" onClick={() => void Taro.makePhoneCall({ phoneNumber: phone })}>
      <Text className="phone-call__icon">☎</Text>
      {display}
    </Text>
  );
}
