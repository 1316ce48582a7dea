/**
 * The text of the ward's plan implementing Resolution 83/NQ-HĐND (from shared/seed/
 * ke-hoach-trien-khai-nq83.md), copied here so the demo seed never reads outside the repository.
 * Each entry is a heading (h1/h2/h3) or a paragraph (p).
 */
export type PlanBlock = { kind: "h1" | "h2" | "h3" | "p" | "center"; text: string };

export const PLAN_TITLE = "Kế hoạch triển khai thực hiện Nghị quyết số 83/NQ-HĐND";

export const PLAN_TEXT: PlanBlock[] = [
  { kind: "center", text: "ỦY BAN NHÂN DÂN PHƯỜNG LÊ ĐẠI HÀNH" },
  { kind: "center", text: "Số: /KH-UBND — Phường Lê Đại Hành, ngày tháng 01 năm 2026" },
  { kind: "h1", text: "KẾ HOẠCH" },
  {
    kind: "center",
    text: "Triển khai thực hiện Nghị quyết số 83/NQ-HĐND ngày 11/12/2025 của Hội đồng nhân dân thành phố về phát triển thanh niên thành phố Hải Phòng đến năm 2030",
  },
  {
    kind: "p",
    text: "Thực hiện Nghị quyết số 83/NQ-HĐND ngày 11/12/2025 của Hội đồng nhân dân thành phố về phát triển thanh niên thành phố Hải Phòng đến năm 2030; Công văn số 54/SNV-XDCQ&CTTN ngày 06/01/2025 của Sở Nội vụ thành phố về việc thực hiện Kế hoạch số 345/KH-UBND ngày 26/12/2025 của Ủy ban nhân dân thành phố. Ủy ban nhân dân phường Lê Đại Hành xây dựng Kế hoạch triển khai thực hiện, cụ thể như sau:",
  },
  { kind: "h2", text: "I. MỤC ĐÍCH, YÊU CẦU" },
  { kind: "h3", text: "1. Mục đích" },
  {
    kind: "p",
    text: "a) Tuyên truyền, quán triệt và tổ chức triển khai thực hiện đồng bộ, thống nhất, hiệu quả Nghị quyết số 83/NQ-HĐND ngày 11/12/2025 của Hội đồng nhân dân thành phố về phát triển thanh niên thành phố Hải Phòng đến năm 2030 trên địa bàn phường; Phát huy vai trò, trách nhiệm của người đứng đầu phòng, ban, ngành, lực lượng vũ trang trên địa bàn phường, Mặt trận Tổ quốc Việt Nam và Đoàn TNCS Hồ Chí Minh phường trong triển khai và phối hợp triển khai các nhiệm vụ trọng tâm của công tác quản lý nhà nước về thanh niên trên địa bàn.",
  },
  {
    kind: "p",
    text: "b) Xác định cụ thể hóa các mục tiêu, chỉ tiêu đã đề ra trong Nghị quyết số 83/NQ-HĐND, gắn việc thực hiện công tác thanh niên với các nhiệm vụ chính trị của cơ quan, đơn vị và nhiệm vụ phát triển kinh tế - xã hội ở địa phương. Phấn đấu đến năm 2030, hoàn thành 100% các mục tiêu, chỉ tiêu phát triển thanh niên đã đề ra trong Nghị quyết số 83/NQ-HĐND.",
  },
  {
    kind: "p",
    text: "c) Bảo đảm thanh niên được chăm lo, phát triển toàn diện về thể chất, trí tuệ, tinh thần, đạo đức, lối sống và năng lực làm việc; xây dựng thanh niên thời kỳ mới có lý tưởng cách mạng, bản lĩnh chính trị vững vàng, có khát vọng cống hiến và tinh thần trách nhiệm với cộng đồng, đất nước; đồng thời, phát huy vai trò xung kích, sáng tạo của thanh niên trong sự nghiệp xây dựng và bảo vệ Tổ quốc.",
  },
  { kind: "h3", text: "2. Yêu cầu" },
  {
    kind: "p",
    text: "a) Các cơ quan, đơn vị, chủ động xây dựng Kế hoạch, trong đó, xác định rõ nội dung công việc, nhiệm vụ cụ thể, bố trí nguồn lực để tổ chức triển khai thực hiện các mục tiêu, chỉ tiêu được Ủy ban nhân dân phường giao bảo đảm chất lượng, tiến độ, hiệu quả, tránh lãng phí.",
  },
  {
    kind: "p",
    text: "c) Tăng cường công tác kiểm tra, giám sát việc thực hiện quản lý nhà nước về thanh niên. Định kỳ, thực hiện nghiêm túc việc đánh giá kết quả thực hiện Nghị quyết số 83/NQ-HĐND, làm tiền đề hoàn thành mục tiêu, chỉ tiêu phát triển thanh niên vào năm 2030.",
  },
  { kind: "h2", text: "II. NỘI DUNG THỰC HIỆN" },
  { kind: "h3", text: "1. Công tác quán triệt, thông tin, tuyên truyền" },
  {
    kind: "p",
    text: "a) Tổ chức phổ biến, quán triệt, thông tin, tuyên truyền việc thực hiện các mục tiêu, nhiệm vụ, giải pháp tại Nghị quyết số 83/NQ-HĐND cho đội ngũ cán bộ, công chức, viên chức, người lao động và đặc biệt là đội ngũ thanh niên trong cơ quan, đơn vị.",
  },
  { kind: "p", text: "- Cơ quan thực hiện: Các cơ quan, đơn vị, trên địa bàn phường." },
  { kind: "p", text: "- Cơ quan phối hợp: Đoàn TNCS Hồ Chí Minh phường; Hội LHTN Việt Nam phường các cơ quan thông tin đại chúng thuộc phường." },
  {
    kind: "p",
    text: "- Hình thức: Ban hành các văn bản triển khai thực hiện, tổ chức hội nghị quán triệt, các buổi tập huấn, bồi dưỡng kiến thức; sử dụng mạng xã hội (Zalo, Facebook...) hoặc đăng tải nội dung có liên quan lên trang thông tin điện tử của cơ quan, đơn vị, địa phương; lồng ghép vào các buổi sinh hoạt chi bộ, các cuộc họp giao ban công việc hàng tháng, hàng quý ... hoặc các hình thức khác phù hợp.",
  },
  { kind: "p", text: "- Thời gian thực hiện: Thường xuyên." },
  { kind: "h3", text: "3. Công tác kiểm tra đánh giá, thông tin báo cáo" },
  { kind: "p", text: "a) Cơ quan chủ trì: Phòng Văn hóa-Xã hội" },
  {
    kind: "p",
    text: "- Việc báo cáo kết quả thực hiện Nghị quyết: Định kỳ hàng năm (hoặc đột xuất theo yêu cầu) các cơ quan, đơn vị, báo cáo đánh giá kết quả thực hiện các mục tiêu, chỉ tiêu, nhiệm vụ, giải pháp thuộc chức năng, nhiệm vụ được giao của đơn vị theo các Phụ lục 01, 02 kèm theo Kế hoạch này; gửi về Ủy ban nhân dân phường (qua phòng VHXH) trước ngày 30/11 để tổng hợp, báo cáo cấp có thẩm quyền theo quy định.",
  },
  { kind: "h2", text: "III. KINH PHÍ THỰC HIỆN" },
  {
    kind: "p",
    text: "1. Nguồn kinh phí: Được bố trí từ ngân sách nhà nước trong dự toán chi thường xuyên hàng năm; thực hiện xã hội hóa và các nguồn lực hợp pháp khác theo quy định của pháp luật.",
  },
  { kind: "h2", text: "IV. TỔ CHỨC THỰC HIỆN" },
  {
    kind: "p",
    text: "Trên đây là Kế hoạch triển khai thực hiện Nghị quyết số 83/NQ-HĐND ngày 11/12/2025 của Hội đồng nhân dân thành phố, Ủy ban nhân dân phường yêu cầu các cơ quan, đơn vị, theo chức năng, nhiệm vụ được phân công nghiêm túc triển khai thực hiện. Trong quá trình thực hiện có khó khăn, vướng mắc, các cơ quan, đơn vị, kịp thời phản ánh về Ủy ban nhân dân phường (qua phòng VHXH) để tổng hợp, báo cáo Ủy ban nhân dân phường xem xét, chỉ đạo./.",
  },
  { kind: "center", text: "KT. CHỦ TỊCH — PHÓ CHỦ TỊCH" },
  { kind: "center", text: "Phương Quốc Luyện" },
];
