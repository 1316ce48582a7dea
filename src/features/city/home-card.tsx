import { Link } from "react-router-dom";
import { formatDate } from "../../lib/dates";
import { useLoad } from "../../lib/use-load";
import { cityApi } from "./api";
import "./city.css";

/** City staff's card on the home screen: the year's reports from the wards, opening the city's view. */
export function CityHomeCard() {
  const { data } = useLoad(() => cityApi.completeness(), []);
  return (
    <Link to="/city" className="card entry-card" data-testid="city-home-card">
      <span className="entry-card__title">Sở Nội vụ — báo cáo các phường, xã{data ? ` năm ${data.year}` : ""}</span>
      <span className="muted">
        {data
          ? `Đã gửi ${data.counts.sent}/${data.counts.expected} · chờ tiếp nhận ${data.counts.waiting} · bị trả lại ${data.counts.returned} · hạn ${formatDate(data.deadline.deadlineAt)}`
          : "Tình hình gửi báo cáo, tiếp nhận, số liệu toàn thành phố"}
      </span>
    </Link>
  );
}
