import { useEffect, useState } from "react";
import { Button } from "zmp-ui";
import type { Ward } from "@contract/wards";
import { useSession } from "../../lib/session-store";
import { errorMessage } from "../../lib/api-client";
import { useNotify } from "../../components/use-notify";
import { listWards, updateMe } from "./api";

/** A select of the city's wards (the youth's own first). */
export function WardSelect({ wards, value, onChange, testId }: { wards: Ward[]; value: number | ""; onChange: (id: number | "") => void; testId: string }) {
  return (
    <select className="native-select" aria-label="Phường, xã" value={value} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : "")} data-testid={testId}>
      <option value="">— Chọn phường, xã —</option>
      {wards.map((w) => (
        <option key={w.id} value={w.id}>
          {w.name}
        </option>
      ))}
    </select>
  );
}

/**
 * A youth's ward: the ward's QR link they opened settles it (at once when it was only the default
 * ward, after a confirmation when they had chosen another); without one, a youth who has not chosen
 * yet is asked. Shown on the home screen and under Cá nhân; nothing for other roles.
 */
export function WardCard() {
  const me = useSession((s) => s.me);
  const pendingWard = useSession((s) => s.pendingWard);
  const clearWardLink = useSession((s) => s.clearWardLink);
  const applyMe = useSession((s) => s.applyMe);
  const notify = useNotify();
  const [wards, setWards] = useState<Ward[] | null>(null);
  const [choice, setChoice] = useState<number | "">("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const youth = me?.role === "youth";
  const needed = youth && (!me.wardChosen || (pendingWard !== null && pendingWard !== me.ward?.code));

  useEffect(() => {
    // a link for someone who is not a youth, or for the ward they are in, has nothing more to do
    if (me && pendingWard && (!youth || (pendingWard === me.ward?.code && me.wardChosen))) clearWardLink();
  }, [me, pendingWard, youth, clearWardLink]);

  useEffect(() => {
    if (!needed || wards) return;
    let alive = true;
    listWards().then(
      (list) => {
        if (!alive) return;
        setWards(list);
        setChoice(list.find((w) => w.code === pendingWard)?.id ?? me?.ward?.id ?? "");
      },
      (e) => alive && setError(errorMessage(e)),
    );
    return () => {
      alive = false;
    };
  }, [needed, wards, pendingWard, me?.ward?.id]);

  const linked = wards?.find((w) => w.code === pendingWard) ?? null;

  const save = async (wardId: number) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await updateMe({ wardId });
      applyMe(updated);
      clearWardLink();
      notify.success(`Bạn đã tham gia ${wards?.find((w) => w.id === wardId)?.name ?? "phường, xã đã chọn"}.`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  // A ward's link opened by a youth whose ward was only the default: it decides, no question asked.
  useEffect(() => {
    if (youth && linked && !me.wardChosen && !busy) void save(linked.id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [youth, linked?.id, me?.wardChosen]);

  if (!needed) return null;
  const current = me.ward ? (wards?.find((w) => w.id === me.ward!.id)?.name ?? null) : null;

  if (linked && me.wardChosen) {
    return (
      <section className="card ward-card" data-testid="ward-link-card">
        <h3>Tham gia {linked.name}?</h3>
        <p className="muted">
          Bạn vừa mở đường dẫn của {linked.name}
          {current ? `; hiện bạn thuộc ${current}` : ""}. Thông báo và góp ý của bạn sẽ theo phường, xã bạn chọn.
        </p>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="row">
          <Button size="small" loading={busy} onClick={() => void save(linked.id)} data-testid="ward-link-accept">
            Chuyển sang {linked.name}
          </Button>
          <Button size="small" variant="tertiary" onClick={clearWardLink} data-testid="ward-link-dismiss">
            Giữ nguyên
          </Button>
        </div>
      </section>
    );
  }
  if (linked) return null; // being saved from the link
  return (
    <section className="card ward-card" data-testid="ward-choice-card">
      <h3>Bạn thuộc phường, xã nào?</h3>
      <p className="muted">Chọn nơi bạn sinh sống hoặc sinh hoạt để nhận đúng thông báo và gửi góp ý đến đúng phường, xã. Bạn đổi được sau trong mục Cá nhân.</p>
      {!wards && !error && <p className="muted">Đang tải danh sách phường, xã…</p>}
      {wards && <WardSelect wards={wards} value={choice} onChange={setChoice} testId="ward-choice" />}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <Button size="small" loading={busy} disabled={!choice} onClick={() => choice && void save(choice)} data-testid="ward-choice-save">
        Xác nhận
      </Button>
    </section>
  );
}
