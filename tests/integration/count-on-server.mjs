// Counting on the local Seam server what a bulk run made, for the bulk tests of the package
// (integration/bulk.test.mjs) and of the seam-acs command (cli/command.test.mjs).

/** How many credentials the server holds for each item's code (limits off while counting). */
export async function countOnServer(server, seam, items) {
  const settings = server.limits.settings
  server.limits.configure({})
  const byCode = new Map()
  for await (const credential of seam.acs.credentials.iterate({})) {
    byCode.set(credential.code, (byCode.get(credential.code) ?? 0) + 1)
  }
  server.limits.configure(settings)
  const copies = items.map((item) => byCode.get(item.code) ?? 0)
  return { duplicates: copies.filter((n) => n > 1).length, lost: copies.filter((n) => n === 0).length, copies }
}
