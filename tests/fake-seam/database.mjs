// Changes to fake-seam-connect's database that it has no method for.

/** Replaces fields of one record in a table of the fake's database and returns the record. */
export function patchRecord(db, table, idKey, id, fields) {
  db.setState({ [table]: db[table].map((r) => (r[idKey] === id ? { ...r, ...fields } : r)) })
  return db[table].find((r) => r[idKey] === id)
}

/** Removes one record from a table of the fake's database. */
export function deleteRecord(db, table, idKey, id) {
  db.setState({ [table]: db[table].filter((r) => r[idKey] !== id) })
}
