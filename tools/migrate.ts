// Applies every pending migration to DATABASE_URL: `node dist/tools/migrate.js`.
import { runMigrations } from '../libs/persistence/src';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set');
  process.exit(2);
}
runMigrations(url).then(
  (applied) => {
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
    process.exit(0);
  },
  (err: unknown) => {
    console.error('migration failed:', err);
    process.exit(1);
  },
);
