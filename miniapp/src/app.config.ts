// Main package: entry and tab pages only. Everything role-specific lives in its sub-package.
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/bills/index', 'pages/mine/index'],
  subPackages: [
    {
      root: 'packages/resident',
      pages: [
        'pages/houses/index',
        'pages/apply/index',
        'pages/family-requests/index',
        'pages/fee-schedule/index',
        'pages/fee-item/index',
        'pages/report/index',
        'pages/tickets/index',
        'pages/ticket/index',
        'pages/sign/index',
        'pages/ratings/index',
        'pages/settings/index',
        'pages/password/index',
        'pages/messages/index',
        'pages/announcements/index',
        'pages/announcement/index',
        'pages/complaints/index',
        'pages/complaint/index',
        'pages/complaint-new/index',
      ],
    },
    { root: 'packages/technician', pages: ['pages/home/index', 'pages/jobs/index', 'pages/job/index'] },
    { root: 'packages/staff', pages: ['pages/home/index'] },
    { root: 'packages/bills', pages: ['pages/bill/index', 'pages/vacancy/index'] },
    { root: 'packages/pay', pages: ['pages/result/index', 'pages/payments/index', 'pages/receipt/index'] },
    { root: 'packages/prepay', pages: ['pages/prepay/index', 'pages/invoices/index', 'pages/invoice-titles/index'] },
  ],
  window: {
    // H5: Taro's own title bar with a back (or home, when opened from a link) button; weapp's default bar.
    navigationStyle: 'default',
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '物业服务',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f8',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#1677ff',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/bills/index',
        text: '账单',
        iconPath: 'assets/tab/bills.png',
        selectedIconPath: 'assets/tab/bills-active.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tab/mine.png',
        selectedIconPath: 'assets/tab/mine-active.png',
      },
    ],
  },
});
