import { createHash } from 'node:crypto';
import { scopesFor, type Actor } from '@qingfeng/core';
import { sql } from 'kysely';
import type { Executor } from '../db/types.js';

// The whole org tree is what every page of the web app loads first, and the largest list there is:
// the district's 2,170 orgs on the scale data are 545 KB of JSON and ≈ 25 ms of server CPU to read,
// present, check against the schema and serialize (center: 37 lists/s, and the server's memory
// peaked at 335 MB while building them). It changes rarely, and what an actor sees of it depends
// only on their scopes for reading and writing orgs. So each serialized tree is kept per pair of
// scopes (and with or without retired orgs), stamped with the count of changes to the tree
// (derived.versions, 0510), and served again while that count stands; the count is read from the
// database on every request, so a change by any process shows at once. A client that keeps the
// tree can ask again with its ETag.

const MAX_TREES = 16;

interface Tree {
  version: string;
  etag: string;
  body: Buffer;
}

export interface OrgTreeCache {
  /** The actor's whole tree as JSON bytes with its ETag, built by `build` when the tree changed. */
  serve(db: Executor, actor: Actor, includeRetired: boolean, build: () => Promise<string>): Promise<Omit<Tree, 'version'>>;
}

const versionOf = async (db: Executor) =>
  String((await sql<{ n: string }>`SELECT n::text AS n FROM derived.versions WHERE name = 'orgs'`.execute(db)).rows[0]?.n ?? 'none');

export function orgTreeCache(): OrgTreeCache {
  // Insertion order is use order (an entry is re-inserted when served): the first key is the oldest.
  const trees = new Map<string, Tree>();
  return {
    async serve(db, actor, includeRetired, build) {
      const key = JSON.stringify([includeRetired, scopesFor(actor, 'orgs.read'), scopesFor(actor, 'orgs.write')]);
      const version = await versionOf(db);
      let tree = trees.get(key);
      if (tree?.version !== version) {
        const body = Buffer.from(await build());
        const digest = createHash('sha1').update(key).digest('base64url').slice(0, 12);
        tree = { version, etag: `"orgs-${version}-${digest}"`, body };
        // Kept only if nothing changed the tree while it was read: then it is the tree at `version`.
        if ((await versionOf(db)) !== version) return tree;
      }
      trees.delete(key);
      trees.set(key, tree);
      if (trees.size > MAX_TREES) trees.delete(trees.keys().next().value!);
      return tree;
    },
  };
}
