export default definePageConfig({
  navigationBarTitleText: '师傅工作台',
  enablePullDownRefresh: true,
});
