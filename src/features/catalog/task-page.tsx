import { useEffect, useState } from "react";
import { useParams } from "react-router-dom";
import type { Task, TaskPatch } from "@contract/catalog";
import { ErrorState, Skeleton } from "../../components/states";
import { errorMessage } from "../../lib/api-client";
import { catalogApi } from "./api";
import { useCatalogSave } from "./use-catalog-save";
import { CatalogGate, LevelsNote, type CatalogLevels } from "./catalog-page";
import { HistoryList } from "./history-list";
import { SaveBar } from "./editor-parts";
import { UnitPicker, type UnitRole } from "./unit-picker";
import { useLoad } from "../../lib/use-load";

const rolesOf = (t: Task) => new Map<number, UnitRole>([...t.partnerUnitIds.map((u) => [u, "member"] as const), ...t.leadUnitIds.map((u) => [u, "lead"] as const)]);
const idsWith = (roles: Map<number, UnitRole>, role: UnitRole) => [...roles].filter(([, r]) => r === role).map(([u]) => u).sort((a, b) => a - b);
const same = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

export function TaskPage() {
  const id = Number(useParams().id);
  return <CatalogGate title="Sửa nhiệm vụ">{(levels) => <TaskEditor id={id} levels={levels} />}</CatalogGate>;
}

/** A task's name and timing are the city's; which of the ward's units lead or partner it, the ward's. */
function TaskEditor({ id, levels }: { id: number; levels: CatalogLevels }) {
  const tasks = useLoad(catalogApi.tasks, []);
  const units = useLoad(catalogApi.units, []);
  const history = useLoad(() => catalogApi.taskHistory(id), [id]);
  const task = tasks.data?.find((t) => t.id === id) ?? null;
  const [name, setName] = useState("");
  const [timing, setTiming] = useState("");
  const [roles, setRoles] = useState(new Map<number, UnitRole>());
  const { busy, refusal, run } = useCatalogSave(history.reload);
  useEffect(() => {
    if (!task) return;
    setName(task.name);
    setTiming(task.timing);
    setRoles(rolesOf(task));
  }, [task]);

  if (tasks.error) return <ErrorState message={errorMessage(tasks.error)} onRetry={tasks.reload} />;
  if (!tasks.data || !units.data) return <Skeleton rows={3} />;
  if (!task) return <ErrorState message="Không tìm thấy nhiệm vụ." />;

  const body: TaskPatch = {};
  if (name.trim() !== task.name) body.name = name;
  if (timing.trim() !== task.timing) body.timing = timing;
  const leads = idsWith(roles, "lead");
  const partners = idsWith(roles, "member");
  if (!same(leads, task.leadUnitIds)) body.leadUnitIds = leads;
  if (!same(partners, task.partnerUnitIds)) body.partnerUnitIds = partners;
  const changed = Object.keys(body).length > 0;

  const save = () => void run(() => catalogApi.patchTask(id, body), (saved) => tasks.setData(tasks.data!.map((t) => (t.id === id ? saved : t))));

  return (
    <>
      <LevelsNote levels={levels} />
      <section className="card stack" data-testid="task-editor" data-code={task.code}>
        <h3>{task.code}</h3>
        <label>
          <span className="field-label">Tên nhiệm vụ</span>
          <textarea className="native-textarea" maxLength={500} value={name} disabled={!levels.definitions} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          <span className="field-label">Thời gian thực hiện</span>
          <input className="native-input" data-testid="task-timing" maxLength={100} value={timing} disabled={!levels.definitions} onChange={(e) => setTiming(e.target.value)} />
        </label>
        {!levels.cityView && (
          <>
            <span className="field-label">Đơn vị thực hiện</span>
            <p className="cat-hint">Nhiệm vụ có một đơn vị chủ trì được tính hoàn thành theo báo cáo của đơn vị đó; có nhiều đơn vị chủ trì: khi mọi đơn vị được giao báo cáo hoàn thành.</p>
            <UnitPicker
              units={units.data}
              roles={roles}
              memberLabel="Phối hợp"
              disabled={!levels.settings}
              onChange={(u, role) => {
                const next = new Map(roles);
                if (role === "none") next.delete(u);
                else next.set(u, role);
                setRoles(next);
              }}
            />
          </>
        )}
      </section>
      {(levels.definitions || levels.settings) && <SaveBar testId="task" refusal={refusal} busy={busy} changed={changed} onSave={save} />}
      <HistoryList items={history.data ?? null} />
    </>
  );
}
