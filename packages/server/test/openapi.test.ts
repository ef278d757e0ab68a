import { PERMISSION_KEYS } from '@qingfeng/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, type TestApp } from './harness.js';

// The OpenAPI document drives the web client: every route is in it, with its schemas.
describe(`OpenAPI document (${ENGINE})`, () => {
  let t: TestApp;
  let doc: any;

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json();
  });
  afterAll(() => t.close());

  const ROUTES: [string, string][] = [
    ['get', '/api/health'],
    ['post', '/api/auth/login'],
    ['post', '/api/auth/logout'],
    ['get', '/api/auth/me'],
    ['post', '/api/auth/password'],
    ['post', '/api/auth/totp/setup'],
    ['post', '/api/auth/totp/confirm'],
    ['get', '/api/v1/orgs'],
    ['post', '/api/v1/orgs'],
    ['get', '/api/v1/orgs/{id}'],
    ['patch', '/api/v1/orgs/{id}'],
    ['post', '/api/v1/orgs/{id}/move'],
    ['post', '/api/v1/orgs/{id}/retire'],
    ['get', '/api/v1/people'],
    ['post', '/api/v1/people'],
    ['get', '/api/v1/people/{id}'],
    ['patch', '/api/v1/people/{id}'],
    ['post', '/api/v1/people/{id}/retire'],
    ['post', '/api/v1/people/{id}/assignments'],
    ['post', '/api/v1/people/{id}/assignments/{assignmentId}/end'],
    ['get', '/api/v1/posts'],
    ['post', '/api/v1/posts'],
    ['get', '/api/v1/posts/{id}'],
    ['patch', '/api/v1/posts/{id}'],
    ['post', '/api/v1/posts/{id}/retire'],
    ['get', '/api/v1/users'],
    ['post', '/api/v1/users'],
    ['get', '/api/v1/users/{id}'],
    ['patch', '/api/v1/users/{id}'],
    ['get', '/api/v1/roles'],
    ['post', '/api/v1/roles'],
    ['patch', '/api/v1/roles/{id}'],
    ['delete', '/api/v1/roles/{id}'],
    ['get', '/api/v1/audit-entries'],
    ['get', '/api/v1/audit-entries/verification'],
  ];

  it('is public and lists every route with a summary and a tag', () => {
    for (const [method, path] of ROUTES) {
      const op = doc.paths?.[path]?.[method];
      expect({ method, path, present: Boolean(op) }).toEqual({ method, path, present: true });
      expect(op.summary, `${method} ${path}`).toMatch(/\S/);
      expect(op.tags?.length, `${method} ${path}`).toBe(1);
    }
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components.securitySchemes).toEqual({ bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'qf_session' } });
  });

  it('hides its own route', () => {
    expect(doc.paths['/api/openapi.json']).toBeUndefined();
  });

  it('carries request schemas: bodies, path and query parameters', () => {
    const createPerson = doc.paths['/api/v1/people'].post.requestBody.content['application/json'].schema;
    expect(createPerson.required).toEqual(expect.arrayContaining(['orgId', 'name', 'idNumber']));
    expect(Object.keys(createPerson.properties)).toEqual(expect.arrayContaining(['orgId', 'name', 'idNumber', 'phone', 'talkClass', 'postIds']));
    expect(createPerson.properties.talkClass.enum).toEqual(['A', 'B', 'C']);

    const listPeople = doc.paths['/api/v1/people'].get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`);
    expect(listPeople).toEqual(expect.arrayContaining(['query:page', 'query:pageSize', 'query:orgId', 'query:subtree', 'query:q', 'query:talkClass', 'query:includeRetired']));

    const end = doc.paths['/api/v1/people/{id}/assignments/{assignmentId}/end'].post.parameters.map((p: { name: string; in: string; required: boolean }) => `${p.in}:${p.name}:${p.required}`);
    expect(end.sort()).toEqual(['path:assignmentId:true', 'path:id:true']);

    const createRole = doc.paths['/api/v1/roles'].post.requestBody.content['application/json'].schema;
    expect(createRole.properties.permissions.items.enum).toEqual(PERMISSION_KEYS);
    expect(createRole.properties.scopeKind.enum).toEqual(['all', 'custom', 'org_subtree', 'org', 'self']);

    const orgKinds = doc.paths['/api/v1/orgs'].post.requestBody.content['application/json'].schema.properties.kind.enum;
    expect(orgKinds).toEqual(['commission', 'dispatched_group', 'township_commission', 'unit', 'section', 'workstation', 'reporting_point']);
  });

  it('carries response schemas', () => {
    const person = doc.paths['/api/v1/people/{id}'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(person.properties)).toEqual(expect.arrayContaining(['id', 'name', 'idNumber', 'posts', 'history', 'actions']));
    const page = doc.paths['/api/v1/people'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(page.properties).sort()).toEqual(['items', 'page', 'pageSize', 'total']);
    const created = doc.paths['/api/v1/orgs'].post.responses['201'].content['application/json'].schema;
    expect(Object.keys(created.properties)).toEqual(expect.arrayContaining(['id', 'path', 'depth', 'peopleCount', 'childCount', 'supervisedOrgIds']));
    const verification = doc.paths['/api/v1/audit-entries/verification'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(verification.properties).sort()).toEqual(['checked', 'firstBrokenId', 'ok', 'reason']);
  });

  it('/api/docs answers', async () => {
    const res = await t.app.inject({ url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const json = await t.app.inject({ url: '/api/docs/json' });
    expect(json.statusCode).toBe(200);
  });
});
