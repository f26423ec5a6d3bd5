import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { UserKind, type IMe } from '@app/shared';
import PhoneCall from '../PhoneCall';
import { getAppMeta } from '../../services/api/meta';
import { Routes } from '../../routes';
import './index.scss';

function Entry({ title, hint, url, tab }: { title: string; hint?: string; url: string; tab?: boolean }) {
  return (
    <View
      className="list-item mine-menu__entry"
      onClick={() => (tab ? Taro.switchTab({ url }) : Taro.navigateTo({ url }))}
    >
      <Text>{title}</Text>
      <View className="mine-menu__right">
        {hint && <Text className="muted">{hint}</Text>}
        <Text className="mine-menu__arrow">›</Text>
      </View>
    </View>
  );
}

/** 我的: the resident's own things, the service centre's phone and settings (everyone gets the last two). */
export default function MineMenu({ me }: { me: IMe }) {
  const [servicePhone, setServicePhone] = useState<string | null>(null);
  useEffect(() => {
    getAppMeta()
      .then((meta) => setServicePhone(meta.servicePhone ?? null))
      .catch(() => setServicePhone(null));
  }, []);
  const resident = me.kind === UserKind.Resident || me.houses.length > 0;
  return (
    <View className="card mine-menu">
      {resident && (
        <Entry
          title="我的房屋"
          hint={me.houses.length > 0 ? `${me.houses.length} 处` : undefined}
          url={Routes.residentHouses}
        />
      )}
      {resident && <Entry title="我的工单" url={Routes.residentTickets} />}
      {resident && <Entry title="我的评价" url={Routes.residentRatings} />}
      {resident && <Entry title="我的投诉" url={Routes.residentComplaints} />}
      {resident && <Entry title="我的账单" url={Routes.bills} tab />}
      {resident && <Entry title="缴费记录" hint="收据" url={Routes.payments} />}
      {resident && <Entry title="空置房申请" url={Routes.vacancy} />}
      {resident && <Entry title="预存" url={Routes.prepay} />}
      {resident && <Entry title="我的发票" url={Routes.invoices} />}
      {servicePhone && (
        <View className="list-item mine-menu__entry">
          <Text>服务中心电话</Text>
          <PhoneCall phone={servicePhone} display={servicePhone} />
        </View>
      )}
      <Entry title="设置" url={Routes.settings} />
    </View>
  );
}
