export default definePageConfig({
  navigationBarTitleText: '签字确认',
});
