// Stand-in for the public fee schedule routes (公示), with the demo company's 46-item schedule the real seed publishes
// (server/src/seed/demo-fee-schedule.ts), filtered by q the way the server does: name, code or service standard.
const CATEGORIES = [
  {
    code: 'GD',
    name: '供电设备维修类',
    rows: [
      ['GD-001', '更换灯泡/灯管', '个', 500, true, '断电操作，更换同规格灯泡或灯管，试亮正常后清理现场', null],
      ['GD-002', '日光灯维修', '次', 2000, true, '检查启辉器、灯管、镇流器及灯座，更换损坏件，通电试亮', null],
      ['GD-003', '开关/插座更换', '个', 1500, true, '断电更换同规格面板，接线牢固、绝缘良好，通电测试', null],
      ['GD-004', '漏电保护开关更换', '个', 3000, true, '断电更换，按试验按钮确认动作正常', null],
      ['GD-005', '户内线路故障检修', '次', 5000, true, '查找短路/断路点并修复，绝缘测试合格', 1000],
      ['GD-006', '灯具安装（普通吸顶灯）', '套', 3000, true, '打孔固定牢固，接线规范，试亮正常', null],
      ['GD-007', '灯具安装（吊灯）', '套', 8000, true, '承重吊钩固定，接线规范，整体水平美观', null],
      ['GD-008', '新增插座布线', '米', 800, true, '穿管布线，横平竖直，不破坏承重结构', null],
      ['GD-009', '浴霸安装', '台', 10000, true, '开孔尺寸准确，接线独立回路，试运行全部功能', null],
      ['GD-010', '电表箱内空开更换', '个', 2500, true, '断电作业，标识清楚，通电复查', null],
    ],
  },
  {
    code: 'GS',
    name: '供水设备维修类',
    rows: [
      ['GS-001', '水龙头更换', '个', 2000, true, '关闭总阀更换，生料带密封，无渗漏', null],
      ['GS-002', '角阀/闸阀更换', '个', 2500, true, '关闭总阀更换同规格阀门，开闭灵活无渗漏', null],
      ['GS-003', '水龙头/阀门维修（换阀芯）', '个', 1500, true, '更换阀芯或密封件，开闭灵活无滴漏', null],
      ['GS-004', '抽水马桶水箱配件维修', '次', 3000, true, '调整或更换浮球阀、排水阀、胶塞，试冲三次无长流水', null],
      ['GS-005', '马桶疏通', '次', 5000, false, '机械疏通，不损伤洁具，试冲畅通', 1000],
      ['GS-006', '地漏/面盆/水槽疏通', '次', 4000, false, '清除堵塞物，排水畅通，清理现场', 1000],
      ['GS-007', '给水管安装（PPR）', '米', 2000, true, '走向合理、热水管在上在左，热熔牢固，打压试验不漏', null],
      ['GS-008', '软管更换', '根', 1000, true, '更换同规格软管，连接处无渗漏', null],
      ['GS-009', '燃气热水器维修（不含燃气管路）', '次', 5000, true, '检查电池、点火器、水气联动阀，试运行正常', 1000],
      ['GS-010', '燃气灶维修（不含燃气管路）', '次', 4000, true, '检查点火器、电池、喷嘴，火焰均匀稳定', 1000],
      ['GS-011', '花洒/淋浴器安装', '套', 5000, true, '固定牢固，冷热水接对，试水无渗漏', null],
      ['GS-012', '洗衣机进排水安装', '次', 3000, true, '进水接头紧固，排水畅通不倒灌', null],
    ],
  },
  {
    code: 'JJ',
    name: '家庭物品维修类',
    rows: [
      ['JJ-001', '门锁维修', '次', 3000, true, '调整锁舌与锁扣，开关顺畅', null],
      ['JJ-002', '门锁更换（执手锁）', '把', 4000, true, '安装牢固，开关顺畅，钥匙交业主当面试用', null],
      ['JJ-003', '门窗合页/滑轮更换', '个', 2000, true, '门窗开合顺畅无异响', null],
      ['JJ-004', '纱窗更换', '扇', 3000, true, '纱网平整，边框密封', null],
      ['JJ-005', '挂件安装（打孔）', '个', 1000, true, '选用合适膨胀管，安装物件牢固，清理粉尘', null],
      ['JJ-006', '窗帘轨道安装', '米', 1500, true, '水平安装，固定牢固，拉动顺滑', null],
      ['JJ-007', '家具组装', '小时', 5000, false, '按说明书组装，稳固无晃动', null],
      ['JJ-008', '玻璃胶重打', '米', 800, true, '清除旧胶，打胶均匀美观，24 小时内避免沾水', null],
      ['JJ-009', '油烟机清洗', '台', 12000, false, '拆洗油网、风轮、油杯，试运行无异响', null],
      ['JJ-010', '空调清洗（挂机）', '台', 8000, false, '清洗滤网、蒸发器，试机制冷正常', null],
      ['JJ-011', '洗衣机清洗（波轮）', '台', 10000, false, '拆洗内桶，清除污垢，试运行正常', null],
    ],
  },
  {
    code: 'JZ',
    name: '家政服务类',
    rows: [
      ['JZ-001', '日常保洁', '小时', 4000, false, '地面、台面、卫浴清洁，垃圾带走', null],
      ['JZ-002', '开荒保洁', '平方米', 600, false, '清除装修残留，玻璃、地面、柜体全面清洁', null],
      ['JZ-003', '擦玻璃（内侧）', '平方米', 500, false, '玻璃无水痕，窗框清洁', null],
      ['JZ-004', '搬家协助（楼内）', '小时', 6000, false, '轻搬轻放，贵重物品业主自行保管', null],
      ['JZ-005', '代收快递保管', '次', 0, false, '服务中心代收，凭取件码领取，保管 7 天', null],
      ['JZ-006', '代购日用品', '次', 1000, true, '按业主清单代购，凭小票结算材料费', null],
      ['JZ-007', '地毯/沙发清洗', '平方米', 1500, false, '吸尘、清洗、吹干，不褪色不变形', null],
    ],
  },
  {
    code: 'LH',
    name: '绿化服务类',
    rows: [
      ['LH-001', '室内绿植养护', '次', 3000, false, '浇水、修剪、施肥、病虫害检查', null],
      ['LH-002', '阳台花草修剪', '小时', 5000, false, '修剪整齐，清理枝叶', null],
    ],
  },
  {
    code: 'DY',
    name: '打字复印类',
    rows: [
      ['DY-001', '黑白打印/复印（A4）', '张', 50, false, '前台现场办理，现场收费并登记台账', null],
      ['DY-002', '彩色打印/复印（A4）', '张', 200, false, '前台现场办理，现场收费并登记台账', null],
      ['DY-003', '扫描', '张', 100, false, '扫描件发送至业主邮箱或微信', null],
      ['DY-004', '传真', '张', 200, false, '前台现场办理', null],
    ],
  },
];

let nextId = 0;
const categories = CATEGORIES.map(({ code, name, rows }, c) => ({
  code,
  name,
  sortOrder: c + 1,
  items: rows.map(([itemCode, itemName, unit, labourPriceFen, materialsExtra, serviceStandard, callOutFeeFen], i) => ({
    id: ++nextId,
    versionId: 1,
    categoryCode: code,
    code: itemCode,
    name: itemName,
    unit,
    labourPriceFen,
    callOutFeeFen,
    materialsExtra,
    serviceStandard,
    sortOrder: i + 1,
  })),
}));

/** Project 1 (阳光花园) has the schedule in force; any other project has none. Answers like the binding stub: { status, body } or { status, error }. */
export function feeScheduleRoute(method, pathname, searchParams) {
  if (method !== 'GET') return null;
  if (pathname === '/api/public/fee-schedule') {
    if (Number(searchParams.get('projectId')) !== 1) {
      return { status: 404, error: { code: 'NO_SCHEDULE_IN_FORCE', message: '本项目尚未公示特约服务收费标准' } };
    }
    const needle = (searchParams.get('q') ?? '').trim();
    const matches = (i) =>
      !needle ||
      i.name.includes(needle) ||
      i.code.toLowerCase().includes(needle.toLowerCase()) ||
      i.serviceStandard.includes(needle);
    return {
      status: 200,
      body: {
        versionId: 1,
        versionNo: 1,
        title: '2026 年特约服务项目及收费标准',
        effectiveFrom: '2025-12-31T16:00:00.000Z',
        companyName: '示例物业服务有限公司',
        categories: categories
          .map((c) => ({ ...c, items: c.items.filter(matches) }))
          .filter((c) => !needle || c.items.length > 0),
      },
    };
  }
  const item = /^\/api\/public\/fee-schedule\/items\/(\d+)$/.exec(pathname);
  if (item) {
    const found = categories.flatMap((c) => c.items).find((i) => i.id === Number(item[1]));
    return found
      ? { status: 200, body: found }
      : { status: 404, error: { code: 'NOT_FOUND', message: '收费项目不存在' } };
  }
  return null;
}
