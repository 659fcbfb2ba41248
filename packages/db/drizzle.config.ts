import { defineConfig } from 'drizzle-kit';

// One schema file per module (schema.ts for the core, schema-<module>.ts for the rest), so
// modules add tables without editing each other's files. Generate migrations one at a time:
//   flock /tmp/pingou-drizzle.lock npx drizzle-kit generate --config packages/db/drizzle.config.ts --name <what>
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./packages/db/src/schema.ts', './packages/db/src/schema-*.ts'],
  out: './packages/db/migrations',
});
