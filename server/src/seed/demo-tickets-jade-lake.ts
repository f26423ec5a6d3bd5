import { RepairScope } from '@app/shared';
import { DemoOffice, minutesFromNow } from './demo-office';

/** 翠湖苑: cm2 at the desk, tech4 (水电), tech6 (绿化保洁), pm2 managing. */
export async function seedJadeLake(o: DemoOffice): Promise<void> {
  const wangfang = await o.house('CHY', 2, 1, '1502');

  // 已验收：王芳选择现金，赵师傅收讫，王芳在小程序确认已付.
  let t = await o.residentReports('王芳', wangfang, {
    category: 'GD',
    description: '卫生间镜前灯不亮了，开关按了没反应，灯管发黑。',
  });
  t = await o.toQuoted(
    'cm2',
    'tech4',
    t,
    [{ code: 'GD-001', quantityMilli: 1000 }],
    [{ code: 'M-001', quantityMilli: 1000 }],
  );
  await o.agree('王芳', t, '王芳', 'owner');
  await o.complete('tech4', t, '更换 LED 灯泡一个，试亮正常。');
  t = await o.verify('王芳', t, '王芳', 'owner', [5, 5, 5], '赵师傅很细心，走之前把地也擦了。');
  await o.svc.charges.setPaymentMethod(o.who('王芳'), t.chargeId!, 'cash');
  await o.svc.cash.collect(o.who('tech4'), t.chargeId!);
  await o.svc.cash.confirm(o.who('王芳'), t.chargeId!);

  // 挂起（等配件）：热水器点火器要向厂家订购.
  t = await o.deskRecords('cm2', {
    houseId: await o.house('CHY', 6, 1, '301'),
    scope: RepairScope.Home,
    category: 'GS',
    description: '燃气热水器打不着火，一直咔咔响，家里没热水洗澡。',
    contactName: '钱先生',
    contactPhone: '13524460301',
  });
  t = await o.toQuoted('cm2', 'tech4', t, [{ code: 'GS-009', quantityMilli: 1000 }]);
  await o.agree('tech4', t, '钱志明', 'owner');
  await o.svc.staff.hold(o.who('sup1'), t.id, '等配件：热水器型号较老，点火器需向厂家订购，预计 3 天到货。');

  // 公共区域报修：绿化师傅施工中.
  t = await o.deskRecords('cm2', {
    projectId: o.projects.get('CHY'),
    scope: RepairScope.Public,
    category: 'LH',
    description: '中心花园喷泉旁边的草坪喷灌头坏了，一直往外冒水，草坪积水。',
    contactName: '巡逻保安 小杨',
    contactPhone: '13817716016',
  });
  await o.register('cm2', t);
  await o.dispatchTo('sup1', t, 'tech6');
  await o.accept('tech6', t, minutesFromNow(10));
  await o.checkIn('tech6', t);
  await o.svc.work.start(o.who('tech6'), t.id);

  // 待受理：王芳刚提交.
  await o.residentReports('王芳', wangfang, {
    category: 'GS',
    description: '厨房燃气灶右边的灶眼打不着火，一直咔咔响，左边的正常。',
  });
}
