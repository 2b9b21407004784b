// The bulk CSV format shared by the `seam-acs` command and (later) the console's Bulk view:
// CSV text in, `createMany` items or `deleteMany` ids out, every problem named by row and
// column. Browser-safe ESM: no Node API here (the command reads files, this module reads text).
//
// Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row is
// row 2. Resolving e-mails and entrance names needs the API once, through `loadDirectory`;
// after that, `resolveCreateRows` is a plain function of the rows and the directory.

import Papa from 'papaparse'
import { validateRequest } from 'seam-acs-wasm'

/** The columns of a create CSV, in the order the README documents them. */
export const CREATE_COLUMNS = Object.freeze([
  'user_email',
  'acs_user_id',
  'acs_system',
  'access_method',
  'code',
  'starts_at',
  'ends_at',
  'entrances',
])

/** `entrances` holds several names: `Room 201; Front Door`. */
const ENTRANCE_SEPARATOR = ';'
const FIRST_DATA_ROW = 2

/** Papaparse's options for both formats: rows as arrays, blank lines kept (and skipped by
 * us) so that a record's index is its row number less one, as a spreadsheet counts. */
const PARSE = { header: false, skipEmptyLines: false, transform: (value) => value.trim() }
const isBlank = (record) => record.every((value) => value === '')
const csvIssues = (errors) =>
  errors
    .filter((error) => error.code !== 'UndetectableDelimiter') // one column: no delimiter to find
    .map((error) => ({ row: (error.row ?? 0) + 1, column: null, message: `CSV: ${error.message}` }))

/**
 * Reads a CSV into `{ rows, issues }`. A row is `{ row, fields }` (fields by column name,
 * trimmed, empty ones left out). Issues are `{ row, column, message }`: a CSV syntax error, a
 * column this format does not know (a typo would otherwise be ignored silently), a missing
 * header, a row with more fields than the header. `columns` lists the names allowed.
 */
export function parseCsv(text, columns) {
  const parsed = Papa.parse(String(text).replace(/^\uFEFF/, ''), PARSE)
  const issues = csvIssues(parsed.errors)
  const [first = [], ...records] = parsed.data
  const header = first.map((name) => name.toLowerCase())
  if (isBlank(header)) issues.push({ row: 1, column: null, message: 'the CSV has no header row' })
  for (const name of header) {
    if (!columns.includes(name)) {
      issues.push({ row: 1, column: name, message: `unknown column (known: ${columns.join(', ')})` })
    }
  }
  const rows = []
  records.forEach((record, index) => {
    const row = index + FIRST_DATA_ROW
    if (isBlank(record)) return
    if (record.length > header.length) {
      issues.push({ row, column: null, message: `${record.length} fields, the header has ${header.length}` })
    }
    const fields = {}
    header.forEach((name, i) => {
      if (record[i]) fields[name] = record[i]
    })
    rows.push({ row, fields })
  })
  return { rows, issues }
}

/**
 * What resolving names needs, read once from the API: `{ systems, users, entrances }`, plain
 * arrays as the API answers them: one listing each of systems, entrances and ACS users.
 */
export async function loadDirectory(seam) {
  const collect = async (iterable) => {
    const all = []
    for await (const item of iterable) all.push(item)
    return all
  }
  const [systems, entrances, userList] = await Promise.all([
    seam.acs.systems.list(),
    collect(seam.acs.entrances.iterate()),
    collect(seam.acs.users.iterate()),
  ])
  return { systems, users: userList, entrances }
}

const emailOf = (user) => (user.email_address ?? user.email ?? '').toLowerCase()

/** Groups `items` by `keyOf(item)` (lower-cased): name → every item of that name. */
function indexBy(items, keyOf) {
  const index = new Map()
  for (const item of items) {
    const key = keyOf(item)?.toLowerCase()
    if (key) index.set(key, [...(index.get(key) ?? []), item])
  }
  return index
}

/**
 * Turns parsed create rows into `createMany` items against a directory from `loadDirectory`.
 * With `directory` null it checks only what needs no API (before anything is sent, or live
 * in the console while the directory loads): names are then not looked up. Returns `{ items, issues }`: `items[i]` is `{ row, params }` for every row (invalid ones
 * too, so `skipInvalid` can report them), issues `{ row, column, message }`. `now` is passed
 * to `validateRequest` (dates in the past are refused relative to it).
 */
export function resolveCreateRows(rows, directory, { now } = {}) {
  const lookup = directory !== null
  const usersByEmail = indexBy(directory?.users ?? [], emailOf)
  const entrancesByName = indexBy(directory?.entrances ?? [], (entrance) => entrance.display_name)
  const systemsByName = indexBy(directory?.systems ?? [], (system) => system.name)
  const issues = []
  const items = rows.map(({ row, fields }) => {
    const flagged = new Set() // columns already named on this row: one cause, one message
    const problem = (column, message) => {
      flagged.add(column)
      issues.push({ row, column, message })
    }
    const params = {}
    for (const name of ['access_method', 'code', 'starts_at', 'ends_at', 'acs_user_id']) {
      if (fields[name] !== undefined) params[name] = fields[name]
    }

    // Names are looked up only with the directory, and within the row's ACS system once it is
    // known; a system that cannot be found leaves the names unlooked (its column is the cause).
    let systemId
    if (fields.acs_system && lookup) {
      const byId = directory.systems.find((system) => system.acs_system_id === fields.acs_system)
      const byName = systemsByName.get(fields.acs_system.toLowerCase()) ?? []
      if (byId) systemId = byId.acs_system_id
      else if (byName.length === 1) systemId = byName[0].acs_system_id
      else if (byName.length > 1)
        problem('acs_system', `${byName.length} ACS systems are named "${fields.acs_system}": give its id`)
      else problem('acs_system', `no ACS system is named "${fields.acs_system}"`)
    }
    const canLookUp = lookup && !flagged.has('acs_system')
    const inSystem = (candidates) =>
      systemId ? candidates.filter((record) => record.acs_system_id === systemId) : candidates

    if (fields.user_email && fields.acs_user_id) {
      problem('user_email', 'give user_email or acs_user_id, not both')
    } else if (fields.user_email && canLookUp) {
      const matches = inSystem(usersByEmail.get(fields.user_email.toLowerCase()) ?? [])
      if (matches.length === 1) params.acs_user_id = matches[0].acs_user_id
      else if (matches.length > 1)
        problem(
          'user_email',
          `${matches.length} ACS users have the e-mail ${fields.user_email}: add an acs_system column (name or id) or use acs_user_id`,
        )
      else
        problem('user_email', `no ACS user has the e-mail ${fields.user_email}${systemId ? ' in that ACS system' : ''}`)
    } else if (!fields.acs_user_id && !fields.user_email) {
      problem('user_email', 'each row needs user_email or acs_user_id')
    }

    if (fields.entrances && canLookUp) {
      const ids = []
      for (const name of fields.entrances
        .split(ENTRANCE_SEPARATOR)
        .map((part) => part.trim())
        .filter(Boolean)) {
        const matches = inSystem(entrancesByName.get(name.toLowerCase()) ?? [])
        if (matches.length === 1) ids.push(matches[0].acs_entrance_id)
        else if (matches.length > 1)
          problem('entrances', `${matches.length} entrances are named "${name}": add an acs_system column`)
        else problem('entrances', `no entrance is named "${name}"${systemId ? ' in that ACS system' : ''}`)
      }
      params.allowed_acs_entrance_ids = ids
    }

    // An e-mail not looked up (offline, or its system unknown): the missing acs_user_id is
    // not the row's fault.
    if (!canLookUp && fields.user_email) flagged.add('user_email')
    const lookupProblems = new Set(flagged)
    for (const issue of validateRequest('/acs/credentials/create', params, { now })) {
      const column = columnOf(issue.path, fields)
      if (!lookupProblems.has(column)) problem(column, issue.message)
    }
    return { row, params }
  })
  return { items, issues }
}

/** The CSV column a `/acs/credentials/create` parameter came from. */
function columnOf(path, fields) {
  const name = path.split(/[.[]/)[0]
  if (name === 'acs_user_id') return fields.acs_user_id ? 'acs_user_id' : 'user_email'
  if (name === 'allowed_acs_entrance_ids') return 'entrances'
  return name
}

/**
 * Reads the ids of a delete list: one id per line, or a CSV with an `acs_credential_id`
 * column (other columns ignored, so a create report's CSV works). Returns `{ ids, rows, issues }`;
 * each id is checked with `validateRequest('/acs/credentials/delete', …)`.
 */
export function parseDeleteList(text) {
  const parsed = Papa.parse(String(text).replace(/^\uFEFF/, ''), PARSE)
  const issues = csvIssues(parsed.errors)
  const column = parsed.data[0]?.some((name) => name.toLowerCase() === 'acs_credential_id') ? 'acs_credential_id' : null
  const at = column ? parsed.data[0].findIndex((name) => name.toLowerCase() === column) : 0
  const ids = []
  const rows = []
  parsed.data.forEach((record, index) => {
    const row = index + 1
    if ((column && row === 1) || isBlank(record)) return
    const id = record[at] ?? ''
    if (id === '') return issues.push({ row, column, message: 'no acs_credential_id on this row' })
    for (const issue of validateRequest('/acs/credentials/delete', { acs_credential_id: id })) {
      issues.push({ row, column, message: issue.message })
    }
    ids.push(id)
    rows.push(row)
  })
  return { ids, rows, issues }
}

/** One line per issue: `row 4, column code: …`. */
export function formatIssue({ row, column, message }) {
  return `row ${row}${column ? `, column ${column}` : ''}: ${message}`
}
