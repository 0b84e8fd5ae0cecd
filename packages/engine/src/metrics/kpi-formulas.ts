/**
 * One formula per KPI, over totals. Money is in micros; a ratio whose denominator is zero is null
 * ("no data"), never 0 or Infinity.
 */

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
const roundMicros = (value: number | null): number | null => (value === null ? null : Math.round(value));

/** Click-through rate: clicks per impression (0.012 = 1.2 %). */
export const ctr = (clicks: number, impressions: number): number | null => ratio(clicks, impressions);

/** Conversion rate: conversions per click. */
export const cvr = (conversions: number, clicks: number): number | null => ratio(conversions, clicks);

/** Cost per click, in micros. */
export const cpcMicros = (spendMicros: number, clicks: number): number | null => roundMicros(ratio(spendMicros, clicks));

/** Cost per conversion (CPA), in micros. */
export const cpaMicros = (spendMicros: number, conversions: number): number | null => roundMicros(ratio(spendMicros, conversions));

/** Cost per thousand impressions (CPM), in micros. */
export const cpmMicros = (spendMicros: number, impressions: number): number | null => roundMicros(ratio(spendMicros * 1000, impressions));

/** Return on ad spend: conversion value per unit of spend (2.5 = 2.50×). */
export const roas = (conversionValueMicros: number, spendMicros: number): number | null => ratio(conversionValueMicros, spendMicros);
