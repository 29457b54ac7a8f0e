import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { taianSections, taianSectionsSchema } from '../taian/dashboard-sections';

/** A process's own part of its campaigns' dashboards, over one subtree (`under`: the subtree's path pattern), and its shape. */
export interface DashboardSections {
  read(ds: DataSource, campaignId: string, under: string): Promise<Record<string, unknown>>;
  schema: z.ZodObject;
}

const SECTIONS: Record<string, DashboardSections> = {
  taian: { read: taianSections, schema: taianSectionsSchema },
};

const none: DashboardSections = { read: async () => ({}), schema: z.strictObject({}) };

export const dashboardSectionsOf = (process: string): DashboardSections => SECTIONS[process] ?? none;
