import * as echarts from 'echarts/core';

/**
 * A value for an ECharts tooltip written as HTML (a formatter function's string goes into the page
 * as markup): escaped, so that a name someone typed — a flowchart step, an org, a scale label —
 * shows as text and never runs.
 */
export const html = (value: unknown): string => echarts.format.encodeHTML(String(value ?? ''));
