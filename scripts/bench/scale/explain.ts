/** EXPLAIN (ANALYZE, FORMAT JSON) of the hot queries: the top plan nodes, and any Seq Scan on a big table. */
import type pg from 'pg';
import { table } from '../markdown.ts';
import { ms } from '../stats.ts';
import { HOT_QUERIES } from './hot-queries.ts';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Total Cost': number;
  'Actual Total Time'?: number;
  /** 'Outer', 'Inner', 'InitPlan', 'SubPlan', …: how the node feeds its parent. */
  'Parent Relationship'?: string;
  Plans?: PlanNode[];
}

const BIG_TABLES = new Set(['attempts', 'xp_events', 'users']);

function describe(node: PlanNode): string {
  const on = node['Index Name'] ?? node['Relation Name'];
  return on ? `${node['Node Type']} (${on})` : node['Node Type'];
}

function walk(node: PlanNode, visit: (n: PlanNode) => void): void {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

/** A node's main input: its first child that is not an InitPlan or SubPlan (those run beside it, once or per row). */
function mainInput(node: PlanNode): PlanNode | undefined {
  return node.Plans?.find((child) => child['Parent Relationship'] !== 'InitPlan' && child['Parent Relationship'] !== 'SubPlan') ?? node.Plans?.[0];
}

/** Root and its first two levels along the main input, as "A → B → C". */
function topNodes(root: PlanNode): string {
  const path: string[] = [];
  let node: PlanNode | undefined = root;
  while (node && path.length < 3) {
    path.push(describe(node));
    node = mainInput(node);
  }
  return path.join(' → ');
}

export async function explainHotQueries(db: pg.Client, params: { player: string; attempt: string; weekId: string }): Promise<string> {
  const rows: string[][] = [];
  for (const query of HOT_QUERIES) {
    // In a transaction rolled back after: the award's lock takes row locks.
    await db.query('begin');
    const { rows: result } = await db.query(`explain (analyze, format json) ${query.sql}`, query.params.map((p) => params[p])).finally(() => db.query('rollback'));
    const [explained] = (result[0] as { 'QUERY PLAN': { Plan: PlanNode; 'Execution Time': number }[] })['QUERY PLAN'];
    const { Plan: plan, 'Execution Time': execution } = explained!;
    const seqScans: string[] = [];
    walk(plan, (n) => {
      if (n['Node Type'] === 'Seq Scan' && BIG_TABLES.has(n['Relation Name'] ?? '')) seqScans.push(n['Relation Name']!);
    });
    rows.push([query.name, topNodes(plan), Math.round(plan['Total Cost']).toString(), ms(execution), seqScans.length ? `**${seqScans.join(', ')}**` : '—']);
  }
  return table(['query', 'top plan nodes', 'est. cost', 'actual ms', 'Seq Scan on attempts/xp_events/users'], rows, 'llrrl');
}
