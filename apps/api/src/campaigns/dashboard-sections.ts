import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { hefeiSections, hefeiSectionsSchema } from '../hefei/dashboard-sections';
import { liangshanSections, liangshanSectionsSchema } from '../liangshan/dashboard-sections';
import { taianSections, taianSectionsSchema } from '../taian/dashboard-sections';
import { wujinSections, wujinSectionsSchema } from '../wujin/dashboard-sections';
import { ziboSections, ziboSectionsSchema } from '../zibo/dashboard-sections';

/** A process's own part of its campaigns' dashboards, over one subtree (`under`: the subtree's path pattern), and its shape. */
export interface DashboardSections {
  read(ds: DataSource, campaignId: string, under: string): Promise<Record<string, unknown>>;
  schema: z.ZodObject;
}

const SECTIONS: Record<string, DashboardSections> = {
  taian: { read: taianSections, schema: taianSectionsSchema },
  hefei: { read: hefeiSections, schema: hefeiSectionsSchema },
  wujin: { read: wujinSections, schema: wujinSectionsSchema },
  zibo: { read: ziboSections, schema: ziboSectionsSchema },
  liangshan: { read: liangshanSections, schema: liangshanSectionsSchema },
};

const none: DashboardSections = { read: async () => ({}), schema: z.strictObject({}) };

export const dashboardSectionsOf = (process: string): DashboardSections => SECTIONS[process] ?? none;

/**
 * Every process whose campaigns may have a dashboard: the registered ones, and
 * those whose sections are built before their workflow is registered (a
 * campaign of theirs can then only come from the database, as in tests).
 */
export const dashboardProcessIds = (registered: readonly string[]): string[] => [...new Set([...registered, ...Object.keys(SECTIONS)])];
