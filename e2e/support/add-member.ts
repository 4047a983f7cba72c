/**
 * `tsx --conditions=react-server e2e/support/add-member.ts <externalId> <email> <password>`: a customer (made
 * if missing) with a member who can sign in, through the factories the seed uses. For e2e setup only.
 */
async function main() {
  const [externalId, email, password] = process.argv.slice(2);
  if (!externalId || !email || !password)
    throw new Error("usage: add-member.ts <externalId> <email> <password>");
  const { upsertCustomer, upsertUser } = await import("@/lib/seed/factories");
  const { closeDb } = await import("@/lib/db/client");
  const customer = await upsertCustomer({ externalId, name: `E2E ${externalId}` });
  await upsertUser({ email, password, role: "MEMBER", customerId: customer.id });
  await closeDb();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
