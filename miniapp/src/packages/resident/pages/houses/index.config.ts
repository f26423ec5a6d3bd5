export default definePageConfig({
  navigationBarTitleText: '我的房屋',
  enablePullDownRefresh: true,
});
