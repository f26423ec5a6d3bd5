/**
 * Fixed wording printed on bills and 催缴通知单. Civil Code art. 944: a property service provider may not
 * cut water, power, heating or gas to collect fees — and this system has no such switch, nor any that
 * refuses repairs or blocks access for arrears. The notice says so, so nobody reads a threat into it.
 */
export const ARREARS_RIGHTS_NOTE =
  '依据《中华人民共和国民法典》第九百四十四条，物业服务人不得采取停止供电、供水、供热、供燃气等方式催交物业费。' +
  '欠费不影响您正常报修及使用小区公共服务，本通知仅为缴费提醒。';

export function howToPay(servicePhone: string | null): string {
  return `缴费方式：请携带本单到物业服务中心缴纳（现金、微信、支付宝或刷卡）。线上缴费开通后将另行通知。${servicePhone ? `服务中心电话：${servicePhone}。` : ''}`;
}
