import { describe, expect, it } from 'vitest'
import { checkActionRequest, MAX_DEPTH } from './action-request'

const ID = '40a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4'
const script = (entries: [string, string][]) => checkActionRequest({ actionHeader: ID, contentType: 'multipart/form-data; boundary=x', entries })
const formPost = (entries: [string, string][]) => checkActionRequest({ actionHeader: null, contentType: 'multipart/form-data; boundary=x', entries })
const nested = (depth: number): unknown => (depth === 0 ? 'x' : [nested(depth - 1)])

describe('server-action calls our pages can make', () => {
  it('takes a form after an optional state, from script', () => {
    expect(script([['0', '["$K1"]'], ['_1_email', 'a@b.c']])).toEqual({ ok: true })
    expect(script([['0', '[{"status":"idle","values":{"name":"$$5 off"}},"$K1"]'], ['_1_name', 'x'], ['_1_$ACTION_KEY', 'k1']])).toEqual({ ok: true })
    expect(script([['0', '[{"status":"error","message":"$undefined"},"$K2"]']])).toEqual({ ok: true })
  })

  it('takes a form posted without script, by id or by reference with its bound state', () => {
    expect(formPost([[`$ACTION_ID_${ID}`, ''], ['email', 'a@b.c']])).toEqual({ ok: true })
    expect(formPost([['$ACTION_REF_1', ''], ['$ACTION_1:0', `{"id":"${ID}","bound":"$@1"}`], ['$ACTION_1:1', '[{"status":"idle"}]'], ['$ACTION_KEY', 'k123'], ['email', 'a']])).toEqual({ ok: true })
    expect(formPost([['$ACTION_REF_1', ''], ['$ACTION_1:0', `{"id":"${ID}","bound":null}`]])).toEqual({ ok: true })
  })

  it('takes a call without arguments (a form with no fields, as sign-out), and nothing else as text', () => {
    const text = (body: string) => checkActionRequest({ actionHeader: ID, contentType: 'text/plain;charset=UTF-8', entries: null, text: body })
    expect(text('[]')).toEqual({ ok: true })
    for (const body of ['', '[', '["$@1"]', '[{}]', '{}', '"x"']) expect(text(body)).toMatchObject({ ok: false, status: 400 })
  })

  it('lets a page POST that is not an action through (Next renders the page)', () => {
    expect(formPost([['q', 'x']])).toEqual({ ok: true })
    expect(checkActionRequest({ actionHeader: null, contentType: 'application/json', entries: null })).toEqual({ ok: true })
  })
})

describe('calls refused before the decoder (400, or 415 for another encoding)', () => {
  it.each([
    ['no arguments part', [['_1_a', 'x']]],
    ['arguments twice', [['0', '["$K1"]'], ['0', '["$K1"]']]],
    ['arguments not JSON', [['0', '["$K1"']]],
    ['arguments not a list', [['0', '{"a":1}']]],
    ['no form last', [['0', '[{}, "x"]']]],
    ['too many arguments', [['0', '[1, 2, "$K1"]']]],
    ['a promise reference', [['0', '["$@1", "$K1"]']]],
    ['a server reference in the state', [['0', '[{"a":"$h1"}, "$K1"]']]],
    ['a temporary reference', [['0', '[{"a":["$T"]}, "$K1"]']]],
    ['a Map reference', [['0', '["$Q1", "$K1"]']]],
    ['a malformed form reference', [['0', '["$Kx"]']]],
    ['nesting too deep', [['0', JSON.stringify([nested(MAX_DEPTH + 1), '$K1'])]]],
    ['a stray part', [['0', '["$K1"]'], ['2', '"$@0"']]],
    ['a field of another form', [['0', '["$K1"]'], ['_2_a', 'x']]],
    ['a wide list', [['0', JSON.stringify([Array(500).fill(1), '$K1'])]]],
  ] as [string, [string, string][]][])('%s', (_name, entries) => {
    const check = script(entries)
    expect(check.ok).toBe(false)
    if (!check.ok) expect(check.status).toBe(400)
  })

  it.each([
    ['two actions', [[`$ACTION_ID_${ID}`, ''], ['$ACTION_REF_1', '']]],
    ['a malformed id', [['$ACTION_ID_zz!', '']]],
    ['a reference without its metadata', [['$ACTION_REF_1', '']]],
    ['metadata that is not JSON', [['$ACTION_REF_1', ''], ['$ACTION_1:0', '{']]],
    ['metadata with more keys', [['$ACTION_REF_1', ''], ['$ACTION_1:0', `{"id":"${ID}","bound":null,"x":1}`]]],
    ['bound arguments that point at themselves', [['$ACTION_REF_1', ''], ['$ACTION_1:0', `{"id":"${ID}","bound":"$@0"}`]]],
    ['bound arguments missing', [['$ACTION_REF_1', ''], ['$ACTION_1:0', `{"id":"${ID}","bound":"$@1"}`]]],
    ['a reference inside the bound arguments', [['$ACTION_REF_1', ''], ['$ACTION_1:0', `{"id":"${ID}","bound":"$@1"}`], ['$ACTION_1:1', '["$@1"]']]],
    ['a field of another reference', [['$ACTION_REF_1', ''], ['$ACTION_1:0', `{"id":"${ID}","bound":null}`], ['$ACTION_2:0', '1']]],
    ['an unknown action field', [[`$ACTION_ID_${ID}`, ''], ['$ACTION_X', '']]],
  ] as [string, [string, string][]][])('form post: %s', (_name, entries) => {
    expect(formPost(entries).ok).toBe(false)
  })

  it('refuses a body that did not parse as a form, and an action called with another encoding', () => {
    expect(checkActionRequest({ actionHeader: null, contentType: 'multipart/form-data', entries: null })).toMatchObject({ ok: false, status: 400 })
    expect(checkActionRequest({ actionHeader: ID, contentType: 'application/json', entries: null })).toMatchObject({ ok: false, status: 415 })
    expect(checkActionRequest({ actionHeader: ID, contentType: null, entries: null })).toMatchObject({ ok: false, status: 415 })
  })
})
