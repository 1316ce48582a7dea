import type { ReactNode } from "react";
import { Button } from "zmp-ui";
import type { Audience } from "@contract/announcements";
import type { Unit } from "@contract/catalog";
import { AUDIENCE_LABELS, CITY_AUDIENCE_LABELS, CITY_SENDER } from "@contract/announcements-labels";

interface Props {
  /** city staff write the city's notice: it goes to every ward, never to one ward's units */
  city: boolean;
  audience: Audience;
  unitIds: number[];
  /** the ward's own units (a ward's staff choose among them) */
  units: Unit[];
  onAudience(a: Audience): void;
  onUnits(ids: number[]): void;
  error: ReactNode;
}

/** "Gửi tới" of the compose screen: everyone, every unit or chosen units of the ward; for the city, every ward's people or every ward's staff and focal points. */
export function AudienceField({ city, audience, unitIds, units, onAudience, onUnits, error }: Props) {
  const labels: Partial<Record<Audience, string>> = city ? CITY_AUDIENCE_LABELS : AUDIENCE_LABELS;
  return (
    <fieldset className="ann-fieldset">
      <legend className="field-label">Gửi tới</legend>
      {city && (
        <p className="muted ann-hint" data-testid="ann-city-hint">
          Thông báo của thành phố hiện trên bảng tin của tất cả phường, xã, người gửi: {CITY_SENDER}. Khi yêu cầu xác nhận, cán bộ từng phường xác nhận cho phường mình.
        </p>
      )}
      {(Object.keys(labels) as Audience[]).map((a) => (
        <label key={a} className="ann-radio">
          <input type="radio" name="audience" value={a} checked={audience === a} onChange={() => onAudience(a)} data-testid={`ann-audience-${a}`} />
          {labels[a]}
        </label>
      ))}
      {audience === "units" && (
        <div className="row row--between ann-units-bar">
          <span className="muted" data-testid="ann-units-count">
            Đã chọn {unitIds.length}/{units.length} đơn vị
          </span>
          {unitIds.length < units.length ? (
            <Button size="small" variant="tertiary" htmlType="button" onClick={() => onUnits(units.map((u) => u.id))} data-testid="ann-units-all">
              Chọn tất cả
            </Button>
          ) : (
            <Button size="small" variant="tertiary" htmlType="button" onClick={() => onUnits([])} data-testid="ann-units-none">
              Bỏ chọn
            </Button>
          )}
        </div>
      )}
      {audience === "units" && (
        <div className="ann-units" data-testid="ann-units">
          {units.map((u) => (
            <label key={u.id} className="ann-check">
              <input
                type="checkbox"
                checked={unitIds.includes(u.id)}
                onChange={(e) => onUnits(e.target.checked ? [...unitIds, u.id] : unitIds.filter((x) => x !== u.id))}
              />
              {u.shortName}
            </label>
          ))}
        </div>
      )}
      {error}
    </fieldset>
  );
}
