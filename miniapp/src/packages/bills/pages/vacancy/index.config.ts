export default definePageConfig({
  navigationBarTitleText: '空置申请',
  enablePullDownRefresh: true,
});
