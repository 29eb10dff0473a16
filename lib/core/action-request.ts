/**
 * The only shapes of server-action call our pages make, checked in front of React's decoder (proxy.ts), whose
 * errors on malformed references and deep nesting would otherwise answer 500. Every action of ours takes a form:
 * `action(form)` or, with useActionState, `action(previousState, form)` (app/actions/*.ts, lib/server/form-action.ts).
 *
 * - A call from script (a `Next-Action` header) is multipart/form-data: part "0" is the JSON list of arguments,
 *   `[state?, "$K<n>"]` (n in hex), and the form's fields are parts named `_<n>_<field>`. A form with no fields
 *   (sign out) is called with no arguments: the text/plain body `[]`.
 * - A form posted without script (progressive enhancement) names its action in a `$ACTION_ID_<id>` field, or in
 *   `$ACTION_REF_<n>` with `$ACTION_<n>:0` = `{"id": …, "bound": null | "$@<k>"}` and the bound arguments as JSON
 *   in `$ACTION_<n>:<k>`; `$ACTION_KEY` keys its form state; every other field is the form's.
 *
 * Anything else — another encoding, a reference of any other kind (`$@`, `$Q`, `$T`, `$F`, `$h`, …), nesting
 * deeper than MAX_DEPTH, a list longer than MAX_ITEMS — is refused before it reaches the decoder. Pure: the proxy
 * parses the body and hands the entries in.
 */

export type ActionCheck = { ok: true } | { ok: false; status: 400 | 415; reason: string }

/** Deeper than any state our forms send back (FormState is three levels). */
export const MAX_DEPTH = 8
/** Items of any one list or object in a JSON part. */
export const MAX_ITEMS = 200

export type FormEntries = Iterable<[string, string | Blob]>

const refuse = (reason: string, status: 400 | 415 = 400): ActionCheck => ({ ok: false, status, reason })
const OK: ActionCheck = { ok: true }

/** `multipart/form-data` without its boundary parameter, lower-cased. */
export function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase()
}

/**
 * Whether a plain JSON value (a state, bound arguments) stays within the limits and holds no decoder reference: a
 * string that starts with "$" must be an escaped "$$…" or "$undefined". Iterative, so deep nesting cannot
 * overflow our own stack either.
 */
function plainValueProblem(root: unknown): string | null {
  const stack: [unknown, number][] = [[root, 0]]
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!
    if (typeof value === 'string') {
      if (value.startsWith('$') && !value.startsWith('$$') && value !== '$undefined') return `a reference ${JSON.stringify(value.slice(0, 12))} where plain data was expected`
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_DEPTH) return `nested deeper than ${MAX_DEPTH} levels`
      const items = Array.isArray(value) ? value : Object.entries(value).flat()
      if (items.length > (Array.isArray(value) ? MAX_ITEMS : 2 * MAX_ITEMS)) return `more than ${MAX_ITEMS} items in one list`
      for (const item of items) stack.push([item, depth + 1])
    }
  }
  return null
}

function parseJson(text: string | Blob | undefined): { value: unknown } | null {
  if (typeof text !== 'string') return null
  try {
    return { value: JSON.parse(text) }
  } catch {
    return null
  }
}

/** A call from script: `[state?, "$K<n>"]` in part "0", the form's fields in parts `_<n>_…`. */
function checkScriptCall(entries: [string, string | Blob][]): ActionCheck {
  const roots = entries.filter(([key]) => key === '0')
  if (roots.length !== 1) return refuse('the arguments (part "0") are missing or sent twice')
  const args = parseJson(roots[0]![1])
  if (!args) return refuse('the arguments (part "0") are not JSON')
  if (!Array.isArray(args.value) || args.value.length < 1 || args.value.length > 2) return refuse('the arguments must be a list of a form, after an optional state')
  const formRef = args.value.at(-1)
  const match = typeof formRef === 'string' ? /^\$K([0-9a-f]{1,6})$/.exec(formRef) : null
  if (!match) return refuse('the last argument must be a form')
  if (args.value.length === 2) {
    const problem = plainValueProblem(args.value[0])
    if (problem) return refuse(`the state argument has ${problem}`)
  }
  const fieldPrefix = `_${match[1]}_`
  const stray = entries.find(([key]) => key !== '0' && !key.startsWith(fieldPrefix))
  if (stray) return refuse(`an unexpected part ${JSON.stringify(stray[0].slice(0, 40))}`)
  return OK
}

/** A form posted without script: its `$ACTION_…` fields, if any, in one of the two shapes React writes. */
function checkFormPost(entries: [string, string | Blob][]): ActionCheck {
  const actionFields = entries.filter(([key]) => key.startsWith('$ACTION_'))
  if (actionFields.length === 0) return OK // not an action: Next renders the page
  const ids = actionFields.filter(([key]) => key.startsWith('$ACTION_ID_'))
  const refs = actionFields.filter(([key]) => key.startsWith('$ACTION_REF_'))
  if (ids.length + refs.length !== 1) return refuse('a form must name exactly one action')
  if (ids.length === 1) {
    if (!/^\$ACTION_ID_[0-9a-f]{2,64}$/i.test(ids[0]![0])) return refuse('the action id is malformed')
    const other = actionFields.find(([key]) => key !== ids[0]![0] && key !== '$ACTION_KEY')
    return other ? refuse(`an unexpected field ${JSON.stringify(other[0].slice(0, 40))}`) : OK
  }
  const n = /^\$ACTION_REF_(\d{1,6})$/.exec(refs[0]![0])?.[1]
  if (n === undefined) return refuse('the action reference is malformed')
  const prefix = `$ACTION_${n}:`
  const parts = new Map<string, string | Blob>()
  for (const [key, value] of actionFields) {
    if (key === refs[0]![0] || key === '$ACTION_KEY') continue
    if (!key.startsWith(prefix) || !/^\d{1,6}$/.test(key.slice(prefix.length)) || parts.has(key)) return refuse(`an unexpected field ${JSON.stringify(key.slice(0, 40))}`)
    parts.set(key, value)
  }
  const key = [...entries].find(([k]) => k === '$ACTION_KEY')?.[1]
  if (key !== undefined && (typeof key !== 'string' || key.length > 256)) return refuse('the form state key is malformed')
  const meta = parseJson(parts.get(`${prefix}0`))
  const value = meta?.value as { id?: unknown; bound?: unknown } | undefined
  if (!value || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).some((k) => k !== 'id' && k !== 'bound'))
    return refuse('the action reference is not {id, bound}')
  if (typeof value.id !== 'string' || !/^[0-9a-f]{2,64}$/i.test(value.id)) return refuse('the action id is malformed')
  const used = new Set([`${prefix}0`])
  if (value.bound !== null) {
    const k = typeof value.bound === 'string' ? /^\$@(\d{1,6})$/.exec(value.bound)?.[1] : undefined
    if (k === undefined || k === '0') return refuse('the bound arguments are malformed')
    const bound = parseJson(parts.get(`${prefix}${k}`))
    if (!bound || !Array.isArray(bound.value)) return refuse('the bound arguments are missing or not a list')
    const problem = plainValueProblem(bound.value)
    if (problem) return refuse(`the bound arguments have ${problem}`)
    used.add(`${prefix}${k}`)
  }
  const unused = [...parts.keys()].find((k) => !used.has(k))
  return unused ? refuse(`an unexpected field ${JSON.stringify(unused.slice(0, 40))}`) : OK
}

/**
 * Whether a POST to a page is a server-action call our code can have made (see the file's comment), given its
 * `Next-Action` header, Content-Type and, for a form body, its entries (null when the body did not parse as one);
 * for a text/plain body, its text.
 */
export function checkActionRequest(input: { actionHeader: string | null; contentType: string | null; entries: FormEntries | null; text?: string }): ActionCheck {
  const type = mediaType(input.contentType)
  const isForm = type === 'multipart/form-data' || type === 'application/x-www-form-urlencoded'
  if (input.actionHeader !== null) {
    if (type === 'text/plain') {
      const args = parseJson(input.text)
      return args && Array.isArray(args.value) && args.value.length === 0 ? OK : refuse('a call without a form has no arguments: the body is []')
    }
    if (type !== 'multipart/form-data') return refuse('a server action is called with multipart/form-data (or text/plain [])', 415)
    if (!input.entries) return refuse('the body is not valid multipart/form-data')
    return checkScriptCall([...input.entries])
  }
  if (!isForm) return OK // not an action (Next only decodes forms): the page answers
  if (!input.entries) return refuse(`the body is not valid ${type}`)
  return checkFormPost([...input.entries])
}
