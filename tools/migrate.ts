// Applies every pending migration as the database's owner, then loads the reference data every deployment needs
// (the working-day calendar from the chinese-days library, the scoring rubrics; both left as they are when present):
// `npm run migrate` (DATABASE_OWNER_URL; DATABASE_URL if that is unset, as before the application got a login of its own).
import { createDataSource, runMigrations, seedCalendarFromLibrary, seedRubrics } from '../libs/persistence/src';

async function main(url: string): Promise<void> {
  const applied = await runMigrations(url);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
  const ds = createDataSource({ url, poolSize: 1, applicationName: 'pennant-migrate' });
  await ds.initialize();
  try {
    const years = await seedCalendarFromLibrary(ds);
    console.log(years.length ? `working-day calendar loaded for ${years[0]}–${years.at(-1)}` : 'working-day calendar already loaded');
    const rubrics = await seedRubrics(ds);
    console.log(rubrics ? `rubrics added: ${rubrics}` : 'rubrics already present');
  } finally {
    await ds.destroy();
  }
}

const url = process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_OWNER_URL is not set (the owner of Pennant\'s database, who runs the migrations)');
  process.exit(2);
}
main(url).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error('migration failed:', err);
    process.exit(1);
  },
);
