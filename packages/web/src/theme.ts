import type { ThemeConfig } from 'antd';

/** A calm, serious palette: deep government blue, restrained radii, Chinese system fonts first. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d4f91',
    colorInfo: '#1d4f91',
    // The derived tints of a deep blue come out grey: set the light ones explicitly.
    colorInfoBg: '#eef4fb',
    colorInfoBorder: '#c6d7ec',
    colorPrimaryBg: '#e8eff8',
    controlItemBgActive: '#e3ecf7',
    controlItemBgActiveHover: '#d5e3f4',
    colorLink: '#1d4f91',
    borderRadius: 4,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    colorBgLayout: '#f0f2f5',
  },
  components: {
    Layout: { siderBg: '#0f2a4a', headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 16px' },
    Menu: { darkItemBg: '#0f2a4a', darkSubMenuItemBg: '#0b2140', darkItemSelectedBg: '#1d4f91' },
    Table: { headerBg: '#f5f7fa' },
  },
};
