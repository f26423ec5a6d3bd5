import { RepairScope, TicketChannel, TicketKind, Urgency } from '@app/shared';
import { DemoOffice, shanghaiAt } from './demo-office';

/** 阳光花园: cm1 at the desk, sup1 dispatching, tech1 (水电), tech2 (门窗锁具家电), pm1 managing. */
export async function seedSunshineGarden(o: DemoOffice): Promise<void> {
  const zhangwei = await o.house('YGHY', 3, 1, '1201');
  const liuyang = await o.house('YGHY', 5, 2, '801');

  // Finished work first, so the technicians' open-job caps are not filled by the tickets still in flight.
  // 已验收，计入账单（张伟, open charge for pm1's 费用减免 page).
  let t = await o.residentReports('张伟', zhangwei, {
    category: 'GS',
    description: '厨房水龙头关不紧，一直滴水，晚上能听到滴答声，水费也涨了。',
  });
  t = await o.toQuoted(
    'cm1',
    'tech1',
    t,
    [{ code: 'GS-001', quantityMilli: 1000 }],
    [{ code: 'M-007', quantityMilli: 1000 }],
  );
  await o.agree('张伟', t, '张伟', 'owner');
  await o.complete('tech1', t, '更换陶瓷阀芯冷热水龙头一个，生料带密封，试水 10 分钟无渗漏，已清理台面。');
  await o.verify('张伟', t, '张伟', 'owner', [5, 5, 5], '王师傅准时上门，换得很利索，还教了我怎么关总阀。');

  // 已验收，现金 ¥17.00 由王师傅收讫，待交款（电话报修，业主在师傅手机上签字）.
  t = await o.deskRecords('cm1', {
    houseId: await o.house('YGHY', 4, 2, '1502'),
    scope: RepairScope.Home,
    category: 'GS',
    description: '卫生间洗手盆冷水龙头拧到底还在滴水，想换个阀芯。',
    contactName: '陈先生',
    contactPhone: '13816624015',
  });
  t = await o.toQuoted(
    'cm1',
    'tech1',
    t,
    [{ code: 'GS-003', quantityMilli: 1000 }],
    [{ code: 'M-013', quantityMilli: 1000 }],
  );
  await o.agree('tech1', t, '陈建国', 'owner');
  await o.complete('tech1', t, '更换水龙头阀芯一个，开闭灵活，无滴漏。');
  t = await o.verify('tech1', t, '陈建国', 'owner', [5, 4, 5]);
  // Signed on the technician's phone, so the charge waited for 陈先生: cm1 called him, recorded his
  // confirmation and his choice of cash; only then could 王师傅 take the cash.
  await o.svc.chargeConfirmation.confirmByPhone(
    o.who('cm1'),
    t.chargeId!,
    '电话联系陈先生，确认换阀芯费用 ¥17.00，同意现场付现金',
  );
  await o.svc.cash.chooseCashByPhone(o.who('cm1'), t.chargeId!, '陈先生电话中选择现场现金支付');
  await o.svc.cash.collect(o.who('tech1'), t.chargeId!);

  // 已完结：验收 → 回访满意 → 完结；费用计入账单（open charge）.
  t = await o.deskRecords('cm1', {
    houseId: await o.house('YGHY', 1, 2, '601'),
    scope: RepairScope.Home,
    category: 'JJ',
    channel: TicketChannel.WalkIn,
    description: '入户门锁舌卡住，关门要用力撞才锁得上，老人在家不方便。',
    contactName: '周阿姨',
    contactPhone: '13917730612',
  });
  t = await o.toQuoted('cm1', 'tech2', t, [{ code: 'JJ-001', quantityMilli: 1000 }]);
  await o.agree('tech2', t, '周美玲', 'owner');
  await o.complete('tech2', t, '调整锁舌与锁扣位置，锁体加润滑油，开关顺畅。');
  t = await o.verify('tech2', t, '周美玲', 'owner', [4, 5, 4], '修好了，下次能早点到就更好。');
  await o.svc.staff.returnVisit(o.who('cm1'), t.id, { result: '电话回访：门锁使用正常，业主满意。', satisfied: true });
  // The return-visit call is where the customer manager records the resident's confirmation of a staff-device charge.
  if (t.chargeId)
    await o.svc.chargeConfirmation.confirmByPhone(o.who('cm1'), t.chargeId, '回访电话中周阿姨确认门锁维修费用');
  await o.svc.staff.close(o.who('cm1'), t.id);

  // 特约服务（油烟机清洗）：已验收，计入账单.
  t = await o.deskRecords('cm1', {
    houseId: await o.house('YGHY', 7, 1, '1101'),
    kind: TicketKind.Service,
    feeItemCode: 'JJ-009',
    category: 'JJ',
    description: '预约油烟机深度清洗，吸力明显变小，油杯快满了。',
    contactName: '冯女士',
    contactPhone: '13795121101',
  });
  t = await o.toQuoted('cm1', 'tech2', t, [{ code: 'JJ-009', quantityMilli: 1000 }]);
  await o.agree('tech2', t, '冯晓琳', 'owner');
  await o.complete('tech2', t, '拆洗油网、风轮和油杯，内腔除油，试运行吸力正常无异响。');
  // Signed on the technician's phone: the charge stays 未确认 for cm1 to confirm at the return visit (demo).
  await o.verify('tech2', t, '冯晓琳', 'owner', [5, 5, 4], '洗得很干净，跟新的一样。');

  // 返修两次后升级给项目经理 pm1（仍在施工中）.
  t = await o.deskRecords('cm1', {
    houseId: await o.house('YGHY', 10, 1, '302'),
    scope: RepairScope.Home,
    category: 'JJ',
    description: '主卧推拉门滑轮坏了，推拉很费劲，还经常脱轨。',
    contactName: '吴女士',
    contactPhone: '13764418302',
  });
  t = await o.toQuoted('cm1', 'tech2', t, [{ code: 'JJ-003', quantityMilli: 2000 }]);
  await o.agree('tech2', t, '吴丽', 'owner');
  await o.complete('tech2', t, '更换推拉门下滑轮两个，调整轨道，推拉顺畅。');
  await o.svc.staff.rework(o.who('cm1'), t.id, '业主来电：推拉门仍然卡顿，关不严，要求返修。');
  await o.complete('tech2', t, '重新调整滑轮高度，清理轨道内沙粒。');
  await o.svc.staff.rework(o.who('cm1'), t.id, '第二次返修后门还是会脱轨，业主很不满意，怀疑轨道变形。');

  // 待验收：刘洋 agreed in the mini-program; now he is asked to accept the work.
  t = await o.residentReports('刘洋', liuyang, {
    category: 'GD',
    description: '客厅电视墙有一个五孔插座没电，插上电器没反应，其他插座正常。',
  });
  t = await o.toQuoted(
    'cm1',
    'tech1',
    t,
    [{ code: 'GD-003', quantityMilli: 1000 }],
    [{ code: 'M-003', quantityMilli: 1000 }],
  );
  await o.agree('刘洋', t, '刘洋', 'tenant');
  await o.complete('tech1', t, '插座背面接线松脱烧蚀，已更换五孔插座面板，通电测试正常。');

  // 待确认报价：张伟 sees it in the mini-program and signs there.
  t = await o.residentReports('张伟', zhangwei, {
    category: 'GS',
    description: '主卫马桶水箱一直有流水声，按钮按下去回弹很慢，晚上特别明显。',
  });
  await o.toQuoted(
    'cm1',
    'tech1',
    t,
    [{ code: 'GS-004', quantityMilli: 1000 }],
    [{ code: 'M-010', quantityMilli: 1000 }],
  );

  // 施工中：业主在师傅手机上签字同意报价.
  t = await o.deskRecords('cm1', {
    houseId: await o.house('YGHY', 9, 1, '1602'),
    scope: RepairScope.Home,
    category: 'JJ',
    channel: TicketChannel.WalkIn,
    description: '卧室两扇纱窗破了洞，晚上蚊子多，想整扇更换。',
    contactName: '郑先生',
    contactPhone: '13601859216',
  });
  t = await o.toQuoted('cm1', 'tech2', t, [{ code: 'JJ-004', quantityMilli: 2000 }]);
  await o.agree('tech2', t, '郑海涛', 'owner');

  // 已接单，约明天上午上门.
  t = await o.deskRecords('cm1', {
    houseId: await o.house('YGHY', 2, 1, '902'),
    scope: RepairScope.Home,
    category: 'GS',
    description: '厨房水槽下面的进水软管滴水，柜子底板已经泡湿发胀。',
    contactName: '黄女士',
    contactPhone: '13585206902',
  });
  await o.register('cm1', t);
  await o.grab('tech1', t);
  await o.accept('tech1', t, shanghaiAt(1, '10:00'));

  // 已派单（公共区域，主管派给王师傅，等他接单）.
  t = await o.deskRecords('cm1', {
    projectId: o.projects.get('YGHY'),
    scope: RepairScope.Public,
    category: 'GD',
    urgency: Urgency.Emergency,
    description: '8栋2单元 12 楼楼道声控灯不亮，晚上上下楼一片漆黑，老人孩子容易摔。',
    contactName: '8栋楼长 何阿姨',
    contactPhone: '13918208120',
  });
  await o.register('cm1', t);
  await o.dispatchTo('sup1', t, 'tech1');

  // 已受理，在主管待派队列：李师傅抢单后退单.
  t = await o.residentReports('刘洋', liuyang, {
    category: 'JJ',
    description: '入户门锁芯转不动，钥匙插进去很紧，担心哪天被锁在门外。',
  });
  await o.register('cm1', t);
  await o.grab('tech2', t);
  await o.svc.dispatch.decline(o.who('tech2'), t.id, '需要同型号锁芯，仓库没货，今天去不了，请主管改派或先订货。');

  // 已受理，在抢单池.
  t = await o.deskRecords('cm1', {
    houseId: await o.house('YGHY', 6, 3, '502'),
    scope: RepairScope.Home,
    category: 'GD',
    description: '阳台灯不亮，自己换了新灯泡还是不亮，怀疑是开关坏了。',
    contactName: '孙先生',
    contactPhone: '13671625502',
  });
  await o.register('cm1', t);

  // 待受理：张伟刚在小程序提交.
  await o.residentReports('张伟', zhangwei, {
    category: 'GS',
    description: '卫生间洗手盆下水很慢，早上刷牙水能积半池，麻烦师傅来看看。',
  });

  // 已取消：刘洋预约的保洁，出差改期.
  t = await o.residentReports('刘洋', liuyang, {
    kind: TicketKind.Service,
    category: 'JZ',
    feeItemCode: 'JZ-001',
    description: '周六上午想约 3 小时日常保洁，厨房和两个卫生间重点打扫。',
    photo: false,
  });
  await o.register('cm1', t);
  await o.svc.staff.cancel(o.who('刘洋'), t.id, '临时出差，下周回来再约。');

  // 建议：客户经理已答复.
  t = await o.residentReports('张伟', zhangwei, {
    kind: TicketKind.Suggestion,
    category: '公共设施',
    description: '建议在 3 栋门口加装智能快递柜，现在快递都堆在门卫室，晚上取件很不方便。',
    photo: false,
  });
  await o.svc.staff.reply(
    o.who('cm1'),
    t.id,
    '感谢您的建议！物业已联系快递柜服务商现场勘查，计划下月在 3 栋和 7 栋之间的架空层安装，届时会在小区公告栏通知。',
  );

  // 前台收款：两笔打字复印.
  const projectId = o.projects.get('YGHY')!;
  await o.svc.counter.create(o.who('cashier1'), {
    projectId,
    houseId: zhangwei,
    items: [{ code: 'DY-001', quantityMilli: 12_000 }],
    paidBy: 'wechat',
    note: '3栋1201 张先生 复印房产证、身份证',
  });
  await o.svc.counter.create(o.who('cashier1'), {
    projectId,
    items: [
      { code: 'DY-002', quantityMilli: 4000 },
      { code: 'DY-003', quantityMilli: 2000 },
    ],
    paidBy: 'cash',
    note: '装修公司 彩打施工图',
  });
}
