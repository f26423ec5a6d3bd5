export const HouseType = {
  Residential: 'residential',
  Shop: 'shop',
  Office: 'office',
  Parking: 'parking',
  Storage: 'storage',
} as const;
export type HouseType = (typeof HouseType)[keyof typeof HouseType];

export const HOUSE_TYPE_LABELS: Record<HouseType, string> = {
  residential: '住宅',
  shop: '商铺',
  office: '写字间',
  parking: '车位',
  storage: '储藏室',
};

export const BindingRelation = { Owner: 'owner', Tenant: 'tenant', Family: 'family' } as const;
export type BindingRelation = (typeof BindingRelation)[keyof typeof BindingRelation];

export const BINDING_RELATION_LABELS: Record<BindingRelation, string> = {
  owner: '业主',
  tenant: '租户',
  family: '家庭成员',
};

export const BindingStatus = {
  Pending: 'pending',
  Approved: 'approved',
  Rejected: 'rejected',
  Revoked: 'revoked',
} as const;
export type BindingStatus = (typeof BindingStatus)[keyof typeof BindingStatus];

export const BINDING_STATUS_LABELS: Record<BindingStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已驳回',
  revoked: '已解除',
};

export interface IProjectSummary {
  id: number;
  code: string;
  name: string;
  regionId: number;
  regionName: string;
  houseCount: number;
}

export interface IUnitSummary {
  id: number;
  name: string;
}

export interface IBuildingSummary {
  id: number;
  projectId: number;
  name: string;
  units: IUnitSummary[];
  customerManagers: { userId: number; name: string }[];
}

export interface IHouse {
  id: number;
  projectId: number;
  buildingId: number;
  unitId: number;
  buildingName: string;
  unitName: string;
  roomNo: string;
  floor: number | null;
  /** Billable area in hundredths of m² (8950 = 89.50 m²). */
  areaHundredths: number;
  type: HouseType;
  /** "3栋1单元1201" */
  label: string;
  /** 计费起始日 (e.g. 交房日), "YYYY-MM-DD"; null = billed from the start (docs/billing.md "Proration"). */
  billingStartDate: string | null;
}

export interface IHouseDetail extends IHouse {
  projectName: string;
  customerManager: { userId: number; name: string; phoneMasked: string } | null;
  bindings: IBinding[];
}

/** A directory entry residents use to find their house before applying. No personal data. */
export interface IHouseDirectoryEntry {
  id: number;
  roomNo: string;
  floor: number | null;
}

export interface ICreateBindingRequest {
  houseId: number;
  relation: BindingRelation;
  name: string;
  phone: string;
}

export interface IRejectBindingRequest {
  reason: string;
}

export interface IBinding {
  id: number;
  houseId: number;
  houseLabel: string;
  projectId: number;
  projectName: string;
  userId: number;
  relation: BindingRelation;
  name: string;
  phoneMasked: string;
  status: BindingStatus;
  rejectReason: string | null;
  reviewedByName: string | null;
  reviewedAt: string | null;
  createdAt: string;
}

/**
 * 代客报修: staff look a caller up by the phone number they call from (POST /bindings/lookup — a body, so
 * the number never sits in a URL or an access log). Answers the caller's verified houses in the project.
 */
export interface ICallerLookupRequest {
  projectId: number;
  phone: string;
}

export interface IHouseImportRowError {
  /** 1-based row number in the file as the user sees it (header is row 1). */
  row: number;
  field: string;
  message: string;
}

export interface IHouseImportResult {
  dryRun: boolean;
  totalRows: number;
  created: number;
  updated: number;
  errors: IHouseImportRowError[];
}

/** Import columns, in the order of the downloadable template. */
export const HOUSE_IMPORT_COLUMNS = ['楼栋', '单元', '房号', '楼层', '建筑面积', '房屋类型', '计费起始日'] as const;
/** Columns a file may leave out: 楼层 (empty), 计费起始日 (the houses keep theirs). */
export const HOUSE_IMPORT_OPTIONAL_COLUMNS: readonly string[] = ['楼层', '计费起始日'];

export interface ITechnicianProfile {
  userId: number;
  name: string;
  phoneMasked: string;
  department: string;
  skills: string[];
  buildingIds: number[];
  onDuty: boolean;
  maxOpenJobs: number;
}

export interface IUpdateTechnicianRequest {
  skills?: string[];
  buildingIds?: number[];
  onDuty?: boolean;
  maxOpenJobs?: number;
}

export const TECHNICIAN_SKILLS = ['水', '电', '门窗', '家电', '保洁', '绿化', '管道疏通', '锁具'] as const;

/** Sets or clears a house's 计费起始日; months after the change are billed by it (bills are never rewritten). */
export interface ISetHouseBillingStartRequest {
  billingStartDate: string | null;
}

export interface IAssignCustomerManagersRequest {
  userIds: number[];
}
