/**
 * WeChat Pay stand-in for tests. The implementation lives under src/ (the embedded demo starts it in-process
 * with WECHATPAY_MODE=stand-in, and the production build compiles src/ only); tests import it from here like
 * the other stand-ins. Contract and hooks: docs/wechat-pay.md.
 */
export {
  startWechatPayStandIn,
  type BuiltNotify,
  type NotifySpoil,
  type PaymentCodeBehaviour,
  type SerialMode,
  type WechatPayStandIn,
  type WechatPayStandInOptions,
} from '../../src/modules/wechat-pay/stand-in/wechatpay-stand-in';
export { NOTIFY_RETRY_SCHEDULE_MS } from '../../src/modules/wechat-pay/stand-in/notifier';
