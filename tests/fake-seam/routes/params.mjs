// Turning a request into route parameters, the way nextlove's commonParams do
// in fake-seam-connect: query string and JSON body are merged (body wins), and
// query strings are coerced by the zod schema's field types
// (booleans "true"/"false", numbers, arrays as `a=1&a=2`, `a[]=1` or `a=1,2`).

/** The zod type under optional()/default()/nullable()/superRefine(). */
function baseType(schema) {
  let s = schema
  for (;;) {
    const def = s._def
    if (def.innerType) s = def.innerType
    else if (def.schema) s = def.schema
    else return s
  }
}

function coerceQuery(searchParams, schema) {
  const shape = baseType(schema).shape
  const params = {}
  for (const [rawKey, value] of searchParams) {
    const key = rawKey.endsWith('[]') ? rawKey.slice(0, -2) : rawKey
    const type = shape[key] ? baseType(shape[key])._def.typeName : undefined
    if (type === 'ZodArray') {
      params[key] = [...(params[key] ?? []), ...(rawKey.endsWith('[]') ? [value] : value.split(','))]
    } else if (type === 'ZodBoolean' && (value === 'true' || value === 'false')) {
      params[key] = value === 'true'
    } else if (type === 'ZodNumber' && value.trim() !== '' && !Number.isNaN(Number(value))) {
      params[key] = Number(value)
    } else {
      params[key] = value
    }
  }
  return params
}

/** Merged, coerced, not yet validated parameters. */
export function requestParams({ searchParams, body }, schema) {
  const query = coerceQuery(searchParams, schema)
  if (body === undefined) return query
  // A JSON body that is not an object is passed as is so zod reports it.
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return Object.keys(query).length === 0 ? body : query
  }
  return { ...query, ...body }
}

/** Query string of scalar parameters, keys sorted (used for cursors and next_page_url). */
export function serializeParams(params) {
  const search = new URLSearchParams()
  for (const key of Object.keys(params).sort()) {
    const value = params[key]
    if (value == null) continue
    if (Array.isArray(value)) value.forEach((v) => search.append(key, String(v)))
    else search.append(key, String(value))
  }
  return search.toString()
}
