export default definePageConfig({
  navigationBarTitleText: '空置房申请',
  enablePullDownRefresh: true,
})
