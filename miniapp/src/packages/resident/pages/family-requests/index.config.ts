export default definePageConfig({
  navigationBarTitleText: '家庭成员申请',
  enablePullDownRefresh: true,
});
