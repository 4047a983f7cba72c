/**
 * `npm run db:citus-plan`: prints the statements that would place Meterly's tables on Citus (README
 * "Scaling out"), from lib/db/table-distribution.ts, which a test keeps true to the schema. Reference
 * tables first (distributed tables point at them), then every distributed table co-located by customer_id.
 */
import { TABLE_PLACEMENT, type Placement } from "../lib/db/table-distribution";

const tables = (p: Placement) => Object.entries(TABLE_PLACEMENT).filter(([, v]) => v.placement === p);

console.log("-- Run on the coordinator after the migrations, before traffic.");
for (const [table, { why }] of tables("reference")) console.log(`SELECT create_reference_table('${table}'); -- ${why}`);
const [first, ...rest] = tables("distributed");
console.log(`SELECT create_distributed_table('${first[0]}', 'customer_id'); -- ${first[1].why}`);
for (const [table, { why }] of rest) {
  console.log(`SELECT create_distributed_table('${table}', 'customer_id', colocate_with => '${first[0]}'); -- ${why}`);
}
for (const [table, { why }] of tables("coordinator")) console.log(`-- ${table} stays on the coordinator: ${why}`);
