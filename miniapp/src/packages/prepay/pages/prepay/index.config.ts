export default definePageConfig({
  navigationBarTitleText: '预存',
  enablePullDownRefresh: true,
});
