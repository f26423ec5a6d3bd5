// Stand-in for the house directory and the binding routes (docs/api.md), with the demo story the real seed
// tells: 张伟 (16) is the verified owner of 阳光花园 3栋1单元1201, 李娜 (17) applied as his family member.
const PROJECTS = [
  { id: 1, code: 'YGHY', name: '阳光花园' },
  { id: 2, code: 'CHY', name: '翠湖苑' },
];
const PHONE = /^1[3-9]\d{9}$/;
const RELATIONS = ['owner', 'tenant', 'family'];

function buildDirectory() {
  const buildings = [];
  const houses = new Map();
  let unitId = 0;
  for (const project of PROJECTS) {
    for (let b = 1; b <= 6; b++) {
      const units = [];
      for (let u = 1; u <= 3; u++) {
        const unit = { id: ++unitId, name: `${u}单元` };
        units.push(unit);
        const rooms = [];
        for (let floor = 1; floor <= 25; floor++) {
          for (let r = 1; r <= 2; r++)
            rooms.push({ id: unit.id * 100 + rooms.length + 1, roomNo: `${floor}0${r}`, floor });
        }
        houses.set(unit.id, rooms);
      }
      buildings.push({ id: buildings.length + 1, projectId: project.id, name: `${b}栋`, units, customerManagers: [] });
    }
  }
  return { buildings, houses };
}

export function createBindingStub() {
  const { buildings, houses } = buildDirectory();
  const houseById = new Map();
  for (const building of buildings) {
    for (const unit of building.units) {
      for (const room of houses.get(unit.id)) {
        const project = PROJECTS.find((p) => p.id === building.projectId);
        houseById.set(room.id, {
          id: room.id,
          projectId: project.id,
          projectName: project.name,
          label: `${building.name}${unit.name}${room.roomNo}`,
        });
      }
    }
  }
  const findHouse = (projectId, label) =>
    [...houseById.values()].find((h) => h.projectId === projectId && h.label === label);
  const bindings = [];
  let nextId = 1;
  const add = (userId, house, relation, name, phone, status) => {
    const row = {
      id: nextId++,
      houseId: house.id,
      houseLabel: house.label,
      projectId: house.projectId,
      projectName: house.projectName,
      userId,
      relation,
      name,
      phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      status,
      rejectReason: null,
      reviewedByName: null,
      reviewedAt: null,
      createdAt: new Date().toISOString(),
    };
    bindings.push(row);
    return row;
  };
  const zhangWeiHouse = findHouse(1, '3栋1单元1201');
  add(16, zhangWeiHouse, 'owner', '张伟', '13800001001', 'approved');
  add(17, zhangWeiHouse, 'family', '李娜', '13800001002', 'pending');

  const ownedHouseIds = (userId) =>
    bindings
      .filter((b) => b.userId === userId && b.status === 'approved' && b.relation === 'owner')
      .map((b) => b.houseId);
  const ok = (body, status = 200) => ({ status, body });
  const error = (status, code, message, details) => ({ status, error: { code, message, details } });

  function review(userId, id, change) {
    const row = bindings.find((b) => b.id === id);
    if (!row || row.relation !== 'family' || !ownedHouseIds(userId).includes(row.houseId))
      return error(404, 'NOT_FOUND', '认证申请不存在');
    if (row.status !== 'pending') return error(409, 'STATE_CONFLICT', '该申请已被处理', { current: row });
    Object.assign(row, change, { reviewedByName: '业主', reviewedAt: new Date().toISOString() });
    return ok(row);
  }

  return {
    /** Approved bindings as IMe.houses. */
    housesOf: (userId) =>
      bindings
        .filter((b) => b.userId === userId && b.status === 'approved')
        .map((b) => ({
          bindingId: b.id,
          houseId: b.houseId,
          projectId: b.projectId,
          label: `${b.projectName} ${b.houseLabel}`,
          relation: b.relation,
        })),

    /** The answer for a directory or binding route, or null when the route is not one of them. */
    async route(method, pathname, userId, readBody) {
      let m;
      if (method === 'GET' && pathname === '/api/directory/projects') return ok(PROJECTS);
      if (method === 'GET' && (m = pathname.match(/^\/api\/directory\/projects\/(\d+)\/buildings$/)))
        return ok(buildings.filter((b) => b.projectId === Number(m[1])));
      if (method === 'GET' && (m = pathname.match(/^\/api\/directory\/units\/(\d+)\/houses$/)))
        return ok(houses.get(Number(m[1])) ?? []);
      if (method === 'GET' && pathname === '/api/bindings/mine')
        return ok(bindings.filter((b) => b.userId === userId).sort((a, b) => b.id - a.id));
      if (method === 'GET' && pathname === '/api/bindings/family-requests') {
        const owned = ownedHouseIds(userId);
        return ok(
          bindings.filter((b) => owned.includes(b.houseId) && b.status === 'pending' && b.relation === 'family'),
        );
      }
      if (method === 'POST' && pathname === '/api/bindings') {
        const body = await readBody();
        const fields = [];
        if (!RELATIONS.includes(body.relation))
          fields.push({ field: 'relation', message: 'relation 只能是 owner、tenant 或 family' });
        if (typeof body.name !== 'string' || body.name.trim() === '')
          fields.push({ field: 'name', message: '请填写姓名' });
        if (typeof body.phone !== 'string' || !PHONE.test(body.phone))
          fields.push({ field: 'phone', message: '请填写有效的 11 位手机号' });
        if (fields.length)
          return error(422, 'VALIDATION_FAILED', `请求参数有误：${fields.map((f) => f.field).join(', ')}`, { fields });
        const house = houseById.get(body.houseId);
        if (!house) return error(404, 'NOT_FOUND', '房屋不存在');
        if (bindings.some((b) => b.userId === userId && b.houseId === house.id && b.status !== 'rejected')) {
          return error(409, 'CONFLICT', '您已提交过该房屋的认证申请，请等待审核或查看已认证房屋');
        }
        return ok(add(userId, house, body.relation, body.name.trim(), body.phone, 'pending'), 201);
      }
      if (method === 'POST' && (m = pathname.match(/^\/api\/bindings\/(\d+)\/approve$/)))
        return review(userId, Number(m[1]), { status: 'approved' });
      if (method === 'POST' && (m = pathname.match(/^\/api\/bindings\/(\d+)\/reject$/))) {
        const { reason } = await readBody();
        if (typeof reason !== 'string' || reason.trim() === '')
          return error(422, 'VALIDATION_FAILED', '请求参数有误：reason', {
            fields: [{ field: 'reason', message: '请填写驳回原因' }],
          });
        return review(userId, Number(m[1]), { status: 'rejected', rejectReason: reason.trim() });
      }
      return null;
    },
  };
}
