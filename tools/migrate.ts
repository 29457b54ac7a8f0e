// Applies every pending migration as the database's owner: `npm run migrate` (DATABASE_OWNER_URL; DATABASE_URL
// if that is unset, as before the application got a login of its own).
import { runMigrations } from '../libs/persistence/src';

const url = process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_OWNER_URL is not set (the owner of Pennant\'s database, who runs the migrations)');
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
