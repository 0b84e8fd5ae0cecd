import { z } from 'zod';

/** Formats shared by the rule schemas (not part of the package's exports). */
export const Timestamp = z.iso.datetime({ offset: true });
export const Day = z.iso.date();
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM (24-hour clock)');
