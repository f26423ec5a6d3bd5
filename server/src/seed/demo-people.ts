import { BindingRelation, BindingStatus, Role, ScopeType } from '@app/shared';

/** Who and what the demo office has: its projects, staff (with their roles) and residents (with their houses). */
export interface ProjectPlan {
  code: string;
  name: string;
  address: string;
  buildings: number;
  units: number;
  floors: number;
  roomsPerFloor: number;
}

export const PROJECTS: ProjectPlan[] = [
  {
    code: 'YGHY',
    name: '阳光花园',
    address: '上海市浦东新区阳光路 88 号',
    buildings: 10,
    units: 3,
    floors: 25,
    roomsPerFloor: 2,
  },
  {
    code: 'CHY',
    name: '翠湖苑',
    address: '上海市闵行区翠湖路 16 号',
    buildings: 15,
    units: 2,
    floors: 25,
    roomsPerFloor: 2,
  },
];

export interface StaffPlan {
  username: string;
  name: string;
  phone: string;
  grants: { role: Role; scope: ScopeType; project?: number }[];
  technician?: { department: string; skills: string[]; project: number };
}

export const STAFF: StaffPlan[] = [
  {
    username: 'cm1',
    name: '周晓梅',
    phone: '13900000001',
    grants: [{ role: Role.CustomerManager, scope: ScopeType.Project, project: 0 }],
  },
  {
    username: 'cm2',
    name: '吴俊杰',
    phone: '13900000002',
    grants: [{ role: Role.CustomerManager, scope: ScopeType.Project, project: 1 }],
  },
  {
    username: 'sup1',
    name: '郑国强',
    phone: '13900000003',
    grants: [
      { role: Role.Supervisor, scope: ScopeType.Project, project: 0 },
      { role: Role.Supervisor, scope: ScopeType.Project, project: 1 },
    ],
  },
  {
    username: 'pm1',
    name: '孙建华',
    phone: '13900000004',
    grants: [{ role: Role.ProjectManager, scope: ScopeType.Project, project: 0 }],
  },
  {
    username: 'pm2',
    name: '钱丽',
    phone: '13900000005',
    grants: [{ role: Role.ProjectManager, scope: ScopeType.Project, project: 1 }],
  },
  {
    username: 'cashier1',
    name: '冯小燕',
    phone: '13900000006',
    grants: [
      { role: Role.Cashier, scope: ScopeType.Project, project: 0 },
      { role: Role.Cashier, scope: ScopeType.Project, project: 1 },
    ],
  },
  {
    username: 'finance1',
    name: '陈会计',
    phone: '13900000007',
    grants: [{ role: Role.Finance, scope: ScopeType.Company }],
  },
  {
    username: 'quality1',
    name: '林品质',
    phone: '13900000008',
    grants: [{ role: Role.Quality, scope: ScopeType.Company }],
  },
  {
    username: 'admin',
    name: '系统管理员',
    phone: '13900000009',
    grants: [{ role: Role.Admin, scope: ScopeType.Company }],
  },
  ...[
    ['tech1', '王师傅', ['水', '电', '管道疏通'], 0],
    ['tech2', '李师傅', ['门窗', '锁具', '家电'], 0],
    ['tech3', '张阿姨', ['保洁'], 0],
    ['tech4', '赵师傅', ['水', '电'], 1],
    ['tech5', '黄师傅', ['家电', '门窗'], 1],
    ['tech6', '刘师傅', ['绿化', '保洁'], 1],
  ].map(([username, name, skills, project], i) => ({
    username: username as string,
    name: name as string,
    phone: `1370000000${i + 1}`,
    grants: [{ role: Role.Technician, scope: ScopeType.Project, project: project as number }],
    technician: {
      department: (skills as string[]).includes('保洁') || (skills as string[]).includes('绿化') ? '环境部' : '工程部',
      skills: skills as string[],
      project: project as number,
    },
  })),
];

export interface ResidentPlan {
  name: string;
  phone: string;
  openid: string;
  binding?: {
    project: number;
    building: number;
    unit: number;
    room: string;
    relation: BindingRelation;
    status: BindingStatus;
  };
}

export const RESIDENTS: ResidentPlan[] = [
  {
    name: '张伟',
    phone: '13800001001',
    openid: 'demo-openid-zhangwei',
    binding: {
      project: 0,
      building: 3,
      unit: 1,
      room: '1201',
      relation: BindingRelation.Owner,
      status: BindingStatus.Approved,
    },
  },
  {
    name: '李娜',
    phone: '13800001002',
    openid: 'demo-openid-lina',
    binding: {
      project: 0,
      building: 3,
      unit: 1,
      room: '1201',
      relation: BindingRelation.Family,
      status: BindingStatus.Pending,
    },
  },
  {
    name: '刘洋',
    phone: '13800001003',
    openid: 'demo-openid-liuyang',
    binding: {
      project: 0,
      building: 5,
      unit: 2,
      room: '801',
      relation: BindingRelation.Tenant,
      status: BindingStatus.Approved,
    },
  },
  {
    name: '王芳',
    phone: '13800001004',
    openid: 'demo-openid-wangfang',
    binding: {
      project: 1,
      building: 2,
      unit: 1,
      room: '1502',
      relation: BindingRelation.Owner,
      status: BindingStatus.Approved,
    },
  },
  {
    name: '赵磊',
    phone: '13800001005',
    openid: 'demo-openid-zhaolei',
    binding: {
      project: 0,
      building: 7,
      unit: 3,
      room: '602',
      relation: BindingRelation.Owner,
      status: BindingStatus.Pending,
    },
  },
  { name: '陈静', phone: '13800001006', openid: 'demo-openid-chenjing' },
];
