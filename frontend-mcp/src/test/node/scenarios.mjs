// End-to-end scenarios of the old system (upstream-feature-003 §7: 1, 2, 3, 4, 7, 8, 9 and the remote smoke suite)
// against bin/workstate-mcp, driven by the official MCP TypeScript client. Exits non-zero on the first failure.
//
// Usage: node scenarios.mjs <path/to/bin/workstate-mcp> <scratch-dir>
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";

const launcher = process.argv[2];
const scratch = mkdtempSync(join(process.argv[3] ?? "/tmp", "node-e2e-"));
const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const TOOLS = ["create_work_item", "update_work_item", "query_work_item", "list_work_items", "link_work_items",
  "claim_work_item", "record_deployment", "list_deployments", "create_vendor", "query_vendor_status", "list_vendors",
  "update_vendor_status", "get_project_configuration", "update_project_configuration", "save_enhancement",
  "list_enhancements", "generate_status_report", "migrate_legacy_status", "storage_status"];

async function connect(dataDir, name) {
  const transport = new StdioClientTransport({
    command: launcher,
    args: ["--data-dir", dataDir, "--storage", "sqlite"],
    env: { ...process.env },
    stderr: "inherit",
  });
  const client = new Client({ name, version: "1.0.0" });
  await client.connect(transport);
  return client;
}

async function ok(client, name, args = {}) {
  const r = await client.callTool({ name, arguments: args });
  assert.ok(!r.isError, `${name} ${JSON.stringify(args)} failed: ${JSON.stringify(r.structuredContent ?? r.content)}`);
  assert.deepEqual(JSON.parse(r.content[0].text), r.structuredContent, `${name}: text equals structured content`);
  return r.structuredContent;
}

async function fail(client, name, args = {}) {
  const r = await client.callTool({ name, arguments: args });
  assert.ok(r.isError, `${name} ${JSON.stringify(args)} should fail: ${JSON.stringify(r.structuredContent)}`);
  return r.structuredContent.error;
}

const fields = (error) => error.details.fields.map((f) => f.field);
const projectMeta = () => ({ description: "A project" });
const sessionMeta = () => ({ token_budget: 200000, prompts_count: 0, yaml_frontmatter: { schema_version: "1.0" } });
const vendorMeta = () => ({
  format_support: { excel: true, csv: true, pdf: false, ocr: false },
  test_results: { passing: 10, total: 12, skipped: 2 }, extractor_version: "1.2.3", manifest_compliant: true,
});
const deploymentMeta = (pr, title) => ({
  pr_number: pr, pr_title: title, commit_hash: COMMIT, test_summary: { unit: 150, integration: 30 },
  constitutional_compliance: true,
});

const results = [];
async function scenario(name, body) {
  const started = Date.now();
  await body();
  results.push(name);
  console.error(`[node-e2e] ok ${name} (${Date.now() - started} ms)`);
}

const main = await connect(join(scratch, "main"), "claude-code");

await scenario("smoke: list tools", async () => {
  const { tools } = await main.listTools();
  assert.deepEqual(tools.map((t) => t.name).sort(), [...TOOLS].sort());
  assert.ok(JSON.stringify({ tools }).length < 16 * 1024, "tools/list under 16 KB");
  for (const t of tools) {
    assert.equal(t.inputSchema.additionalProperties, false, t.name);
    assert.ok(t.outputSchema, t.name);
  }
});

await scenario("smoke suite + scenario 7 hierarchy", async () => {
  const chain = [];
  const titles = ["Feature 001: Semantic Code Search", "Implementation Session 2025-01-15",
    "Implement tree-sitter AST parsing", "Write unit tests for parser", "Test edge cases for nested functions"];
  const types = ["project", "session", "task", "task", "task"];
  const metas = [projectMeta(), sessionMeta(), {}, {}, {}];
  for (let i = 0; i < 5; i++) {
    const item = await ok(main, "create_work_item", {
      item_type: types[i], title: titles[i], metadata: metas[i], ...(i ? { parent_id: chain[i - 1].id } : {}),
    });
    assert.equal(item.depth, i);
    assert.equal(item.path, (i ? chain[i - 1].path : "") + "/" + item.id);
    chain.push(item);
  }
  const leaf = await ok(main, "query_work_item", { id: chain[4].id });
  assert.deepEqual(leaf.ancestors.map((a) => a.depth), [0, 1, 2, 3]);
  assert.equal((leaf.descendants ?? []).length, 0);
  const root = await ok(main, "query_work_item", { id: chain[0].id });
  assert.deepEqual(root.descendants.map((d) => d.depth), [1, 2, 3, 4]);
  const mid = await ok(main, "query_work_item", { id: chain[2].id });
  assert.equal(mid.ancestors.length, 2);
  assert.equal(mid.descendants.length, 2);
  const plain = await ok(main, "query_work_item", { id: chain[2].id, include_children: false });
  assert.equal((plain.ancestors ?? []).length, 0);
  assert.equal((await fail(main, "query_work_item", { id: chain[0].id, max_depth: 6 })).code, "VALIDATION_ERROR");
  const sessions = await ok(main, "list_work_items", { item_type: "session", parent_id: chain[0].id });
  assert.deepEqual(sessions.items.map((i) => i.id), [chain[1].id]);
  assert.equal(typeof sessions.has_more, "boolean");
  const done = await ok(main, "update_work_item", { id: chain[4].id, version: 1, status: "completed",
    updated_by: "node" });
  assert.equal(done.version, 2);
  const conflict = await fail(main, "update_work_item", { id: chain[4].id, version: 1, status: "blocked" });
  assert.equal(conflict.code, "VERSION_CONFLICT");
  assert.equal(conflict.details.current_version, 2);
  assert.equal(conflict.details.expected_version, 1);
  assert.equal(conflict.details.last_updated_by, "node");
});

await scenario("scenario 1 vendor health", async () => {
  for (let i = 0; i < 45; i++) {
    const v = await ok(main, "create_vendor", { name: `vendor_${i}`, initial_metadata: vendorMeta() });
    if (i % 5 !== 0) {
      await ok(main, "update_vendor_status", { name: `vendor_${i}`, version: v.version, status: "operational" });
    }
  }
  const times = [];
  let v;
  for (let i = 0; i < 100; i++) {
    const t = process.hrtime.bigint();
    v = await ok(main, "query_vendor_status", { name: "vendor_7" });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.error(`[measure] node client query_vendor_status p95 ${times[94].toFixed(2)} ms`);
  for (const key of ["format_support", "test_results", "extractor_version", "manifest_compliant"]) {
    assert.ok(key in v.metadata, key);
  }
  assert.equal((await ok(main, "list_vendors", { status: "operational", limit: 100 })).total_count, 36);
  assert.equal((await fail(main, "query_vendor_status", { name: "missing" })).code, "NOT_FOUND");
});

await scenario("scenario 2 optimistic locking", async () => {
  const item = await ok(main, "create_work_item", { item_type: "task", title: "Locked", metadata: {} });
  const a = await ok(main, "update_work_item", { id: item.id, version: 1, metadata: { estimated_hours: 3.0 },
    updated_by: "client-a" });
  assert.equal(a.version, 2);
  const b = await fail(main, "update_work_item", { id: item.id, version: 1, metadata: { estimated_hours: 5 } });
  assert.equal(b.code, "VERSION_CONFLICT");
  assert.equal(b.details.entity_id, item.id);
  assert.equal(b.details.current.version, 2);
  const stored = await ok(main, "query_work_item", { id: item.id });
  assert.deepEqual(stored.metadata, { estimated_hours: 3 });
  assert.equal(stored.created_by, "claude-code");
});

await scenario("scenario 4 deployments", async () => {
  const vendorIds = [];
  for (let i = 0; i < 3; i++) vendorIds.push((await ok(main, "create_vendor", { name: `dv-${i}` })).id);
  const itemIds = [];
  for (let i = 0; i < 2; i++) {
    itemIds.push((await ok(main, "create_work_item", { item_type: "task", title: `d${i}`, metadata: {} })).id);
  }
  const d = await ok(main, "record_deployment", { deployed_at: "2025-10-10T12:00:00Z",
    metadata: deploymentMeta(123, "Deploy"), vendor_ids: vendorIds, work_item_ids: itemIds });
  assert.deepEqual(d.vendor_ids, vendorIds);
  assert.deepEqual(d.work_item_ids, itemIds);
  const before = (await ok(main, "list_deployments", { limit: 100 })).total_count;
  for (const bad of [{ commit_hash: "ABC" }, { pr_number: 0 }, { pr_title: "" }, { test_summary: { unit: -1 } }]) {
    const e = await fail(main, "record_deployment", { deployed_at: "2025-10-11T00:00:00Z",
      metadata: { ...deploymentMeta(1, "x"), ...bad } });
    assert.equal(e.code, "VALIDATION_ERROR", JSON.stringify(bad));
  }
  assert.equal((await fail(main, "record_deployment", { deployed_at: "2025-10-11T00:00:00Z",
    metadata: deploymentMeta(1, "x"), vendor_ids: [vendorIds[0], vendorIds[0]] })).code, "VALIDATION_ERROR");
  assert.equal((await fail(main, "record_deployment", { deployed_at: "2025-10-11T00:00:00Z",
    metadata: deploymentMeta(1, "x"), work_item_ids: ["01890000-0000-7000-8000-0000000000ff"] })).code,
  "NOT_FOUND");
  assert.equal((await ok(main, "list_deployments", { limit: 100 })).total_count, before);
});

await scenario("scenario 9 metadata contract", async () => {
  for (const budget of [999, 1000001, "200000"]) {
    const e = await fail(main, "create_work_item", { item_type: "session", title: "s",
      metadata: { ...sessionMeta(), token_budget: budget } });
    assert.ok(fields(e).includes("metadata.token_budget"), JSON.stringify(e));
  }
  await ok(main, "create_work_item", { item_type: "session", title: "s",
    metadata: { ...sessionMeta(), token_budget: 1000 } });
  assert.ok(fields(await fail(main, "create_work_item", { item_type: "task", title: "t",
    metadata: { actual_hours: 1000.1 } })).includes("metadata.actual_hours"));
  assert.ok(fields(await fail(main, "create_work_item", { item_type: "project", title: "p",
    metadata: { description: "d", target_quarter: "2025-Q5" } })).includes("metadata.target_quarter"));
  assert.ok(fields(await fail(main, "create_work_item", { item_type: "task", title: "t".repeat(201),
    metadata: {} })).includes("title"));
  assert.ok(fields(await fail(main, "list_work_items", { limit: 101 })).includes("limit"));
  assert.ok(fields(await fail(main, "list_work_items", { offset: -1 })).includes("offset"));
  assert.ok(fields(await fail(main, "list_work_items", { limit: "5" })).includes("limit"));
  assert.ok(fields(await fail(main, "update_project_configuration", { default_token_budget: 1000001 }))
    .includes("default_token_budget"));
  const cleared = await ok(main, "update_project_configuration", { git_branch: null, current_session_id: null });
  assert.equal(cleared.git_branch, null);
});

await scenario("scenario 3 three clients", async () => {
  const dir = join(scratch, "shared");
  const a = await connect(dir, "claude-code");
  const [b, c] = await Promise.all([connect(dir, "claude-desktop"), connect(dir, "copilot")]);
  try {
    const item = await ok(a, "create_work_item", { item_type: "task", title: "Shared", metadata: {} });
    for (const other of [b, c]) {
      const seen = await ok(other, "query_work_item", { id: item.id });
      assert.equal(seen.version, 1);
      assert.equal(seen.created_by, "claude-code");
    }
    await ok(b, "update_work_item", { id: item.id, version: 1, status: "completed", updated_by: "claude-desktop" });
    const seen = await ok(c, "query_work_item", { id: item.id });
    assert.equal(seen.status, "completed");
    assert.equal(seen.version, 2);
    for (let round = 0; round < 3; round++) {
      const raced = await ok(a, "create_work_item", { item_type: "task", title: `race ${round}`, metadata: {} });
      const outcomes = await Promise.all([a, b, c].map((cl, i) => cl.callTool({ name: "update_work_item",
        arguments: { id: raced.id, version: 1, title: `won by ${i}` } })));
      assert.equal(outcomes.filter((r) => !r.isError).length, 1, "exactly one winner");
      for (const r of outcomes.filter((o) => o.isError)) {
        assert.equal(r.structuredContent.error.code, "VERSION_CONFLICT");
        assert.equal(r.structuredContent.error.details.current_version, 2);
      }
    }
  } finally {
    await Promise.all([a.close(), b.close(), c.close()]);
  }
});

await scenario("scenario 8 status report", async () => {
  const dir = join(scratch, "report");
  const r = await connect(dir, "claude-code");
  try {
    const empty = await ok(r, "generate_status_report", { at: "2025-10-10T12:00:00Z" });
    assert.ok(empty.markdown.includes("(0/0)") && empty.markdown.includes("(Last 0)"));
    const vendorIds = [];
    for (let i = 0; i < 45; i++) {
      const v = await ok(r, "create_vendor", { name: `v${String(i).padStart(2, "0")}` });
      vendorIds.push(v.id);
      if (i % 3 !== 0) await ok(r, "update_vendor_status", { name: v.name, version: 1, status: "operational" });
    }
    const projects = [];
    for (let i = 0; i < 10; i++) {
      projects.push((await ok(r, "create_work_item", { item_type: "project", title: `P${i}`,
        metadata: projectMeta() })).id);
    }
    const sessions = [];
    for (let i = 0; i < 20; i++) {
      sessions.push((await ok(r, "create_work_item", { item_type: "session", title: `S${i}`,
        metadata: sessionMeta(), parent_id: projects[i % 10] })).id);
    }
    for (let i = 0; i < 20; i++) {
      await ok(r, "create_work_item", { item_type: "task", title: `T${i}`, metadata: {}, parent_id: sessions[i] });
    }
    for (let i = 0; i < 20; i++) {
      await ok(r, "record_deployment", { deployed_at: new Date(Date.UTC(2025, 8, 1 + i)).toISOString(),
        metadata: { ...deploymentMeta(100 + i, `D${i}`), constitutional_compliance: i % 4 !== 0 },
        vendor_ids: vendorIds.slice(i, i + 3) });
    }
    const report = await ok(r, "generate_status_report", { at: "2025-10-10T12:00:00Z" });
    const md = report.markdown;
    assert.ok(md.startsWith("# Project Status"));
    assert.ok(md.includes("## Operational Vendors (30/45)"));
    assert.ok(md.includes("## Active Work Items (50)"));
    assert.ok(md.includes("## Recent Deployments (Last "));
    assert.ok(md.includes("Generated at"));
    assert.ok(md.indexOf("PR #119") < md.indexOf("PR #118"), "newest first");
    const json = await ok(r, "generate_status_report", { format: "json" });
    assert.equal(json.format, "json");
    const file = join(scratch, "status.md");
    await ok(r, "generate_status_report", { at: "2025-10-10T12:00:00Z", write_path: file });
    assert.equal(readFileSync(file, "utf8"), md);
  } finally {
    await r.close();
  }
});

await main.close();
console.error(`[node-e2e] ${results.length} scenarios passed`);
process.exit(0);
