<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="ko_KR">
<context>
    <name>admin</name>
    <message>
        <source>관리자 (모든 기능)</source>
        <translation>Manager (everything)</translation>
    </message>
    <message>
        <source>봉사자 (예약만)</source>
        <translation>Volunteer (bookings only)</translation>
    </message>
    <message>
        <source>새 계정</source>
        <translation>New account</translation>
    </message>
    <message>
        <source>8자 이상</source>
        <translation>at least 8 characters</translation>
    </message>
    <message>
        <source>아이디 (영문)</source>
        <translation>User name (Latin letters)</translation>
    </message>
    <message>
        <source>이름</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>역할</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>처음 비밀번호</source>
        <translation>First password</translation>
    </message>
    <message>
        <source>새 비밀번호</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>+ 새 계정</source>
        <translation>+ New account</translation>
    </message>
    <message>
        <source>비밀번호 바꾸기…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <source>잠금 해제</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>사용 중지 / 다시 사용</source>
        <translation>Deactivate / reactivate</translation>
    </message>
    <message>
        <source>잠금을 풀었습니다.</source>
        <translation>Unlocked.</translation>
    </message>
    <message>
        <source>바꿨습니다.</source>
        <translation>Changed.</translation>
    </message>
    <message>
        <source>아이디</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>상태</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>마지막 로그인</source>
        <translation>Last sign-in</translation>
    </message>
    <message>
        <source>사용</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>사용 중지</source>
        <translation>Deactivated</translation>
    </message>
    <message>
        <source>비밀번호를 바꿨습니다.</source>
        <translation>Password changed.</translation>
    </message>
    <message>
        <source>비밀번호 바꾸기: {u}</source>
        <translation>Change password: {u}</translation>
    </message>
    <message>
        <source>잠김 ({t}까지)</source>
        <translation>Locked (until {t})</translation>
    </message>
    <message>
        <source>{u} 계정을 만들었습니다.</source>
        <translation>Account {u} created.</translation>
    </message>
    <message>
        <source>누가, 무엇을: 예 admin:kim, booking.cancel, 101-1203</source>
        <translation>Who, what: e.g. admin:kim, booking.cancel, 101-1203</translation>
    </message>
    <message>
        <source>새로 고침</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>시각</source>
        <translation>When</translation>
    </message>
    <message>
        <source>누가</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>한 일</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>대상</source>
        <translation>On</translation>
    </message>
    <message>
        <source>내용</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>최근 {n}건까지 보입니다.</source>
        <translation>Shows the latest {n} entries.</translation>
    </message>
    <message>
        <source>코드</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>자원</source>
        <translation>Resource</translation>
    </message>
    <message>
        <source>세대</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>시작</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>끝</source>
        <translation>End</translation>
    </message>
    <message>
        <source>수량</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>차량번호</source>
        <translation>Plate</translation>
    </message>
    <message>
        <source>찾기</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>모든 자원</source>
        <translation>All resources</translation>
    </message>
    <message>
        <source>101 또는 101-1203</source>
        <translation>101 or 101-1203</translation>
    </message>
    <message>
        <source>모든 상태</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>예약 코드</source>
        <translation>Booking code</translation>
    </message>
    <message>
        <source>조건 지우기</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>+ 세대 대신 예약</source>
        <translation>+ Book for a household</translation>
    </message>
    <message>
        <source>표에서 예약을 고르세요.</source>
        <translation>Pick a booking in the table.</translation>
    </message>
    <message>
        <source>승인</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>거절…</source>
        <translation>Reject…</translation>
    </message>
    <message>
        <source>취소…</source>
        <translation>Cancel…</translation>
    </message>
    <message>
        <source>체크인</source>
        <translation>Check in</translation>
    </message>
    <message>
        <source>노쇼 처리</source>
        <translation>Mark no-show</translation>
    </message>
    <message>
        <source>찾는 중…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>기간</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>이력</source>
        <translation>History</translation>
    </message>
    <message>
        <source>예약 거절</source>
        <translation>Reject booking</translation>
    </message>
    <message>
        <source>예약 취소</source>
        <translation>Cancel booking</translation>
    </message>
    <message>
        <source>취소에는 사유가 필요합니다.</source>
        <translation>A cancellation needs a reason.</translation>
    </message>
    <message>
        <source>{n}건</source>
        <translation>{n} bookings</translation>
    </message>
    <message>
        <source>승인 대기 {n}건</source>
        <translation>{n} waiting for approval</translation>
    </message>
    <message>
        <source>세대 {h}</source>
        <translation>Household {h}</translation>
    </message>
    <message>
        <source>수량 {n}</source>
        <translation>Units {n}</translation>
    </message>
    <message>
        <source>만든 곳: {c}</source>
        <translation>Made by: {c}</translation>
    </message>
    <message>
        <source>(규칙 예외)</source>
        <translation>(rule override)</translation>
    </message>
    <message>
        <source>{c} 예약을 승인했습니다.</source>
        <translation>Booking {c} approved.</translation>
    </message>
    <message>
        <source>{c} 예약을 거절했습니다.</source>
        <translation>Booking {c} rejected.</translation>
    </message>
    <message>
        <source>{c} 예약을 취소했습니다.</source>
        <translation>Booking {c} cancelled.</translation>
    </message>
    <message>
        <source>{c} 체크인했습니다.</source>
        <translation>Booking {c} checked in.</translation>
    </message>
    <message>
        <source>{c} 노쇼로 기록했습니다.</source>
        <translation>Booking {c} recorded as a no-show.</translation>
    </message>
    <message>
        <source>차량 {p}</source>
        <translation>Vehicle {p}</translation>
    </message>
    <message>
        <source>사유: {r}</source>
        <translation>Reason: {r}</translation>
    </message>
    <message>
        <source>사유</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>{c} 예약을 거절합니다. 세대가 알 수 있게 사유를 적어 주세요.</source>
        <translation>Rejecting booking {c}. Write the reason so the household knows why.</translation>
    </message>
    <message>
        <source>{c} 예약을 취소합니다. 사유를 적어 주세요.</source>
        <translation>Cancelling booking {c}. Write the reason.</translation>
    </message>
    <message>
        <source>예약했습니다. 예약 코드 {c}</source>
        <translation>Booked. Booking code {c}</translation>
    </message>
    <message>
        <source>하루 보기</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>한 주 보기</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>◀ 이전</source>
        <translation>◀ Previous</translation>
    </message>
    <message>
        <source>오늘</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>다음 ▶</source>
        <translation>Next ▶</translation>
    </message>
    <message>
        <source>  이용 중단  </source>
        <translation>  Closed  </translation>
    </message>
    <message>
        <source>이용 중단: {r}</source>
        <translation>Closed: {r}</translation>
    </message>
    <message>
        <source>확인</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>닫기</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>세대 대신 예약하기</source>
        <translation>Book for a household</translation>
    </message>
    <message>
        <source>예: 101-1203</source>
        <translation>e.g. 101-1203</translation>
    </message>
    <message>
        <source> 분</source>
        <translation> min</translation>
    </message>
    <message>
        <source>주차만: 예 12가3456</source>
        <translation>parking only: e.g. 12가3456</translation>
    </message>
    <message>
        <source>세대 (동-호)</source>
        <translation>Household (building-unit)</translation>
    </message>
    <message>
        <source>날짜</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>시작 시각</source>
        <translation>Start time</translation>
    </message>
    <message>
        <source>이용 시간</source>
        <translation>Hours used</translation>
    </message>
    <message>
        <source>메모</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>규칙 예외 허용 (관리자, 사유 기록)</source>
        <translation>Allow a rule exception (manager, reason recorded)</translation>
    </message>
    <message>
        <source>예외 사유</source>
        <translation>Reason for the exception</translation>
    </message>
    <message>
        <source>예약하기</source>
        <translation>Book</translation>
    </message>
    <message>
        <source>남은 예약을 모두 취소합니다 (사유가 세대에 남습니다)</source>
        <translation>Cancel all remaining bookings (the household sees the reason)</translation>
    </message>
    <message>
        <source>남은 예약은 그대로 둡니다 (새 예약만 막습니다)</source>
        <translation>Keep the remaining bookings (only new bookings are stopped)</translation>
    </message>
    <message>
        <source>사유를 적어 주세요. 감사 기록에 남습니다.</source>
        <translation>Write a reason. It is kept in the audit log.</translation>
    </message>
    <message>
        <source>등록되지 않은 세대입니다.</source>
        <translation>This household is not registered.</translation>
    </message>
    <message>
        <source>사유를 적어 주세요.</source>
        <translation>Write a reason.</translation>
    </message>
    <message>
        <source>남은 예약을 어떻게 할지 골라 주세요.</source>
        <translation>Choose what happens to the remaining bookings.</translation>
    </message>
    <message>
        <source>세대는 101-1203처럼 적어 주세요.</source>
        <translation>Write the household like 101-1203.</translation>
    </message>
    <message>
        <source>규칙 예외에는 사유가 필요합니다.</source>
        <translation>A rule exception needs a reason.</translation>
    </message>
    <message>
        <source>앞으로 남은 예약: {n}건</source>
        <translation>Remaining bookings: {n}</translation>
    </message>
    <message>
        <source>필요하면 '규칙 예외 허용'에 사유를 적고 다시 누르세요.</source>
        <translation>If needed, tick 'Allow a rule exception', write the reason and press again.</translation>
    </message>
    <message>
        <source>세대 CSV 가져오기</source>
        <translation>Import households (CSV)</translation>
    </message>
    <message>
        <source>열 이름: building,unit,pin,plates,active (예: 101,1203,4821,12가3456,yes). 엑셀에서 'CSV UTF-8'로 저장하세요. 한 줄이라도 틀리면 아무것도 바꾸지 않습니다.</source>
        <translation>Columns: building,unit,pin,plates,active (e.g. 101,1203,4821,12가3456,yes). Save from Excel as 'CSV UTF-8'. If any line is wrong, nothing is changed.</translation>
    </message>
    <message>
        <source>파일 고르기…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>고른 파일 없음</source>
        <translation>No file chosen</translation>
    </message>
    <message>
        <source>가져오기</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>세대 CSV</source>
        <translation>Households CSV</translation>
    </message>
    <message>
        <source>여러 대는 띄어 쓰기: 12가3456 34나5678</source>
        <translation>Several: separate with spaces: 12가3456 34나5678</translation>
    </message>
    <message>
        <source>동 또는 동-호로 찾기, 예: 101 또는 101-1203</source>
        <translation>Find by building or building-unit, e.g. 101 or 101-1203</translation>
    </message>
    <message>
        <source>CSV 가져오기…</source>
        <translation>Import CSV…</translation>
    </message>
    <message>
        <source>차량번호…</source>
        <translation>Plates…</translation>
    </message>
    <message>
        <source>전출 처리…</source>
        <translation>Move out…</translation>
    </message>
    <message>
        <source>다시 사용</source>
        <translation>Reactivate</translation>
    </message>
    <message>
        <source>전출하면 이 세대는 더 예약할 수 없습니다. 남은 예약을 어떻게 할지 정해 주세요.</source>
        <translation>After moving out this household cannot book any more. Choose what happens to its remaining bookings.</translation>
    </message>
    <message>
        <source>전출</source>
        <translation>moved out</translation>
    </message>
    <message>
        <source>줄</source>
        <translation>Line</translation>
    </message>
    <message>
        <source>할 일</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>고쳐야 할 줄</source>
        <translation>Lines to fix</translation>
    </message>
    <message>
        <source>PIN 잠김</source>
        <translation>PIN locked</translation>
    </message>
    <message>
        <source>틀린 PIN</source>
        <translation>Wrong PINs</translation>
    </message>
    <message>
        <source>먼저 표에서 세대를 고르세요.</source>
        <translation>First pick a household in the table.</translation>
    </message>
    <message>
        <source>PIN 안내문 저장</source>
        <translation>Save PIN slip</translation>
    </message>
    <message>
        <source>새로 추가</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>고침</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>새 PIN</source>
        <translation>New PIN</translation>
    </message>
    <message>
        <source>예</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>아니오</source>
        <translation>No</translation>
    </message>
    <message>
        <source>등록 차량: {h}</source>
        <translation>Registered vehicles: {h}</translation>
    </message>
    <message>
        <source>사용 중지(전출)</source>
        <translation>Inactive (moved out)</translation>
    </message>
    <message>
        <source>{n}세대</source>
        <translation>{n} households</translation>
    </message>
    <message>
        <source>{h}의 PIN을 새로 만들었습니다. 안내문: {p}</source>
        <translation>New PIN made for {h}. Slip: {p}</translation>
    </message>
    <message>
        <source>{h} 잠금을 풀었습니다.</source>
        <translation>{h} unlocked.</translation>
    </message>
    <message>
        <source>전출 처리: {h}</source>
        <translation>Move out: {h}</translation>
    </message>
    <message>
        <source>{h}를 다시 사용합니다.</source>
        <translation>{h} is active again.</translation>
    </message>
    <message>
        <source>{n}번째 줄: {m}</source>
        <translation>Line {n}: {m}</translation>
    </message>
    <message>
        <source>틀린 줄이 {e}개 있어 가져올 수 없습니다. 파일을 고쳐 다시 고르세요.</source>
        <translation>{e} lines are wrong, so nothing can be imported. Fix the file and choose it again.</translation>
    </message>
    <message>
        <source>추가 {a}세대, 고침 {u}세대. 맞으면 '가져오기'를 누르세요.</source>
        <translation>{a} households to add, {u} to update. If that is right, press 'Import'.</translation>
    </message>
    <message>
        <source>가져왔습니다: 추가 {a}, 고침 {u}</source>
        <translation>Imported: {a} added, {u} updated</translation>
    </message>
    <message>
        <source>{h} 차량번호를 저장했습니다.</source>
        <translation>Plates of {h} saved.</translation>
    </message>
    <message>
        <source>{h} 전출 처리했습니다. 취소된 예약 {c}건.</source>
        <translation>{h} moved out. Bookings cancelled: {c}.</translation>
    </message>
    <message>
        <source>{t}까지 잠김</source>
        <translation>Locked until {t}</translation>
    </message>
    <message>
        <source>시간</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>키오스크 예약 PIN 안내</source>
        <translation>Your kiosk booking PIN</translation>
    </message>
    <message>
        <source>로비 키오스크에서 동·호와 이 PIN 4자리를 누르면 예약할 수 있습니다. 이전 PIN은 더 이상 쓰이지 않습니다. 이 종이는 다른 사람에게 보이지 마세요.</source>
        <translation>At the lobby kiosk, enter your building, unit and this 4-digit PIN to book. The old PIN no longer works. Do not show this paper to anyone else.</translation>
    </message>
    <message>
        <source>발급</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>오늘의 예약</source>
        <translation>Today's bookings</translation>
    </message>
    <message>
        <source>출력</source>
        <translation>Printed</translation>
    </message>
    <message>
        <source>오늘은 예약이 없습니다.</source>
        <translation>No bookings today.</translation>
    </message>
    <message>
        <source>주별</source>
        <translation>Weekly</translation>
    </message>
    <message>
        <source>월별</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source>계산</source>
        <translation>Calculate</translation>
    </message>
    <message>
        <source>CSV로 내보내기…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>엑셀(XLSX)로 내보내기…</source>
        <translation>Export Excel (XLSX)…</translation>
    </message>
    <message>
        <source>오늘의 예약표 PDF…</source>
        <translation>Today's sheet (PDF)…</translation>
    </message>
    <message>
        <source>자원별 이용</source>
        <translation>Use per resource</translation>
    </message>
    <message>
        <source>붐비는 시간</source>
        <translation>Peak hours</translation>
    </message>
    <message>
        <source>세대별 비율</source>
        <translation>Households' share</translation>
    </message>
    <message>
        <source>시작일</source>
        <translation>From</translation>
    </message>
    <message>
        <source>예약 수</source>
        <translation>Bookings</translation>
    </message>
    <message>
        <source>이용률 %</source>
        <translation>Utilisation %</translation>
    </message>
    <message>
        <source>노쇼 수</source>
        <translation>No-shows</translation>
    </message>
    <message>
        <source>취소 수</source>
        <translation>Cancellations</translation>
    </message>
    <message>
        <source>계산 중…</source>
        <translation>Calculating…</translation>
    </message>
    <message>
        <source>자원별 이용률 (%)</source>
        <translation>Utilisation per resource (%)</translation>
    </message>
    <message>
        <source>세대별 이용 시간 비율 (상위 8세대)</source>
        <translation>Share of hours used (top 8 households)</translation>
    </message>
    <message>
        <source>보고서 저장</source>
        <translation>Save report</translation>
    </message>
    <message>
        <source>비율 %</source>
        <translation>Share %</translation>
    </message>
    <message>
        <source>요일·시간대별 이용 시간(시간). 진할수록 많이 쓰입니다.</source>
        <translation>Hours in use by weekday and hour. Darker means busier.</translation>
    </message>
    <message>
        <source>그 밖의 세대</source>
        <translation>Other households</translation>
    </message>
    <message>
        <source>요일</source>
        <translation>Weekday</translation>
    </message>
    <message>
        <source>오늘의 예약표</source>
        <translation>Today's sheet</translation>
    </message>
    <message>
        <source>{a} ~ {b} 계산함</source>
        <translation>Calculated {a} – {b}</translation>
    </message>
    <message>
        <source>저장했습니다: {p}</source>
        <translation>Saved: {p}</translation>
    </message>
    <message>
        <source>오늘의 예약표를 저장했습니다: {p}</source>
        <translation>Today's sheet saved: {p}</translation>
    </message>
    <message>
        <source>저장하지 못했습니다: {e}</source>
        <translation>Could not save: {e}</translation>
    </message>
    <message>
        <source>예약 단위는 5분 이상이고 하루를 나누어떨어지게 해야 합니다.</source>
        <translation>The booking step must be at least 5 minutes and divide a day evenly.</translation>
    </message>
    <message>
        <source>최소 이용 시간은 예약 단위의 배수여야 합니다.</source>
        <translation>The minimum length must be a multiple of the booking step.</translation>
    </message>
    <message>
        <source>최대 이용 시간은 예약 단위의 배수이고 최소 이상이어야 합니다.</source>
        <translation>The maximum length must be a multiple of the booking step and at least the minimum.</translation>
    </message>
    <message>
        <source>예약을 받으려면 수량이 1 이상이어야 합니다.</source>
        <translation>To take bookings the number of units must be at least 1.</translation>
    </message>
    <message>
        <source>운영 시간이 서로 겹칩니다.</source>
        <translation>The opening hours overlap.</translation>
    </message>
    <message>
        <source>운영 시간을 09:00-22:00처럼 적어 주세요.</source>
        <translation>Write the opening hours like 09:00-22:00.</translation>
    </message>
    <message>
        <source>제한 없음</source>
        <translation>No limit</translation>
    </message>
    <message>
        <source>영문 id, 예: room-2f</source>
        <translation>Latin id, e.g. room-2f</translation>
    </message>
    <message>
        <source>예약 받기</source>
        <translation>Takes bookings</translation>
    </message>
    <message>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <source>영문 이름</source>
        <translation>English name</translation>
    </message>
    <message>
        <source>종류</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>동시에 쓸 수 있는 수량</source>
        <translation>Units usable at the same time</translation>
    </message>
    <message>
        <source>위치 안내</source>
        <translation>Where to find it</translation>
    </message>
    <message>
        <source>위도 / 경도</source>
        <translation>Latitude / longitude</translation>
    </message>
    <message>
        <source>예약 규칙</source>
        <translation>Booking rules</translation>
    </message>
    <message>
        <source> 일</source>
        <translation> days</translation>
    </message>
    <message>
        <source> 회</source>
        <translation> times</translation>
    </message>
    <message>
        <source> 건</source>
        <translation> bookings</translation>
    </message>
    <message>
        <source>승인 필요</source>
        <translation>approval needed</translation>
    </message>
    <message>
        <source>체크인 필요</source>
        <translation>check-in needed</translation>
    </message>
    <message>
        <source>차량번호 필요</source>
        <translation>plate needed</translation>
    </message>
    <message>
        <source>공휴일 휴무</source>
        <translation>closed on public holidays</translation>
    </message>
    <message>
        <source>예약 단위</source>
        <translation>Booking step</translation>
    </message>
    <message>
        <source>최소 이용</source>
        <translation>Minimum length</translation>
    </message>
    <message>
        <source>최대 이용</source>
        <translation>Maximum length</translation>
    </message>
    <message>
        <source>며칠 앞까지</source>
        <translation>Days ahead</translation>
    </message>
    <message>
        <source>최소 사전 예약</source>
        <translation>Minimum notice</translation>
    </message>
    <message>
        <source>취소 마감 (시작 전)</source>
        <translation>Cancel until (before start)</translation>
    </message>
    <message>
        <source>예약 사이 정리 시간</source>
        <translation>Clean-up time between bookings</translation>
    </message>
    <message>
        <source>세대당 예정 예약</source>
        <translation>Upcoming per household</translation>
    </message>
    <message>
        <source>한 번에 수량</source>
        <translation>Units per booking</translation>
    </message>
    <message>
        <source>체크인 없으면 자동 취소</source>
        <translation>Released without check-in after</translation>
    </message>
    <message>
        <source>이용 중단 기간 추가</source>
        <translation>Add a closure</translation>
    </message>
    <message>
        <source>예: 바닥 공사</source>
        <translation>e.g. floor repairs</translation>
    </message>
    <message>
        <source>이 기간의 예약을 취소합니다 (끄면 예약은 남고 새 예약만 막힙니다)</source>
        <translation>Cancel the bookings in this period (unticked: they stay, only new ones are stopped)</translation>
    </message>
    <message>
        <source>+ 새 자원</source>
        <translation>+ New resource</translation>
    </message>
    <message>
        <source>고치기…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>사용 중지…</source>
        <translation>Take out of service…</translation>
    </message>
    <message>
        <source>다시 운영</source>
        <translation>Back in service</translation>
    </message>
    <message>
        <source>이용 중단 기간 추가…</source>
        <translation>Add a closure…</translation>
    </message>
    <message>
        <source>사용 중지하면 새 예약을 받지 않습니다. 이미 받은 예약을 어떻게 할지 정해 주세요.</source>
        <translation>Out of service means no new bookings. Choose what happens to the bookings already made.</translation>
    </message>
    <message>
        <source>자원 만들기</source>
        <translation>New resource</translation>
    </message>
    <message>
        <source>자원 고치기</source>
        <translation>Edit resource</translation>
    </message>
    <message>
        <source>주민에게 보이는 규칙:</source>
        <translation>The rules as residents see them:</translation>
    </message>
    <message>
        <source>id를 적어 주세요.</source>
        <translation>Write an id.</translation>
    </message>
    <message>
        <source>이름을 적어 주세요.</source>
        <translation>Write a name.</translation>
    </message>
    <message>
        <source>한 번에 예약할 수량이 전체 수량보다 많습니다.</source>
        <translation>Units per booking are more than the units there are.</translation>
    </message>
    <message>
        <source>자원을 하나 이상 고르세요.</source>
        <translation>Choose at least one resource.</translation>
    </message>
    <message>
        <source>끝이 시작보다 뒤여야 합니다.</source>
        <translation>The end must be after the start.</translation>
    </message>
    <message>
        <source>규칙</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>예정된 이용 중단 기간</source>
        <translation>Coming closures</translation>
    </message>
    <message>
        <source>운영 중</source>
        <translation>In service</translation>
    </message>
    <message>
        <source>안내만</source>
        <translation>Information only</translation>
    </message>
    <message>
        <source>예정된 이용 중단이 없습니다.</source>
        <translation>No closures coming.</translation>
    </message>
    <message>
        <source>먼저 표에서 자원을 고르세요.</source>
        <translation>First pick a resource in the table.</translation>
    </message>
    <message>
        <source>{n}을(를) 저장했습니다.</source>
        <translation>{n} saved.</translation>
    </message>
    <message>
        <source>사용 중지: {n}</source>
        <translation>Out of service: {n}</translation>
    </message>
    <message>
        <source>{n}을(를) 다시 운영합니다.</source>
        <translation>{n} is back in service.</translation>
    </message>
    <message>
        <source>사용 중지: {r}</source>
        <translation>Out of service: {r}</translation>
    </message>
    <message>
        <source>{n}을(를) 사용 중지했습니다. 취소된 예약 {c}건.</source>
        <translation>{n} is out of service. Bookings cancelled: {c}.</translation>
    </message>
    <message>
        <source>이용 중단 기간을 추가했습니다. 취소된 예약 {c}건.</source>
        <translation>Closure added. Bookings cancelled: {c}.</translation>
    </message>
    <message>
        <source>아이디 또는 비밀번호가 맞지 않습니다. {n}번 더 틀리면 잠깁니다.</source>
        <translation>Wrong user name or password. {n} more wrong tries lock the account.</translation>
    </message>
    <message>
        <source>마을 이름</source>
        <translation>Village name</translation>
    </message>
    <message>
        <source>마을 영문 이름</source>
        <translation>Village name in English</translation>
    </message>
    <message>
        <source>키오스크 위치 이름</source>
        <translation>Kiosk location name</translation>
    </message>
    <message>
        <source>키오스크 위치 영문 이름</source>
        <translation>Kiosk location name in English</translation>
    </message>
    <message>
        <source>키오스크 위도</source>
        <translation>Kiosk latitude</translation>
    </message>
    <message>
        <source>키오스크 경도</source>
        <translation>Kiosk longitude</translation>
    </message>
    <message>
        <source>처음 언어</source>
        <translation>Starting language</translation>
    </message>
    <message>
        <source>화면 초기화까지 (초)</source>
        <translation>Seconds before the screen resets</translation>
    </message>
    <message>
        <source>첫 화면 안내까지 (초)</source>
        <translation>Seconds before the home screen's attract view</translation>
    </message>
    <message>
        <source>PIN 잠금까지 틀린 횟수</source>
        <translation>Wrong PINs before a lock</translation>
    </message>
    <message>
        <source>PIN 잠금 시간 (분)</source>
        <translation>PIN lock minutes</translation>
    </message>
    <message>
        <source>허브 정보 반경 (km)</source>
        <translation>Hub listings radius (km)</translation>
    </message>
    <message>
        <source>지도 타일 팩 (쉼표로 구분)</source>
        <translation>Map tile packs (comma-separated)</translation>
    </message>
    <message>
        <source>공휴일 반영</source>
        <translation>Observe public holidays</translation>
    </message>
    <message>
        <source>마을 휴무일 (쉼표로 구분, 예 2026-12-31)</source>
        <translation>Village closed days (comma-separated, e.g. 2026-12-31)</translation>
    </message>
    <message>
        <source>설정 저장</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <source>저장한 설정은 키오스크와 이 프로그램을 다시 시작하면 적용됩니다. 틀린 값은 저장하지 않고 무엇이 틀렸는지 알려 줍니다.</source>
        <translation>Saved settings apply when the kiosk and this program start again. A wrong value is not saved; you are told what is wrong.</translation>
    </message>
    <message>
        <source>데이터베이스와 허브 출처 (키는 가려서 보입니다)</source>
        <translation>Database and hub sources (keys are masked)</translation>
    </message>
    <message>
        <source>바뀐 설정이 없습니다.</source>
        <translation>Nothing changed.</translation>
    </message>
    <message>
        <source>설정 파일: {p}</source>
        <translation>Settings file: {p}</translation>
    </message>
    <message>
        <source>설정을 저장했습니다 ({n}). 다시 시작하면 적용됩니다.</source>
        <translation>Settings saved ({n}). They apply after a restart.</translation>
    </message>
    <message>
        <source>저장하지 않았습니다: {e}</source>
        <translation>Not saved: {e}</translation>
    </message>
    <message>
        <source>관리 계정으로 로그인하세요.</source>
        <translation>Sign in with your desk account.</translation>
    </message>
    <message>
        <source>비밀번호</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>로그인</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>처음 설정</source>
        <translation>First-time setup</translation>
    </message>
    <message>
        <source>예: 김관리</source>
        <translation>e.g. Kim Minji</translation>
    </message>
    <message>
        <source>비밀번호 확인</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <source>관리자 계정 만들기</source>
        <translation>Create the manager account</translation>
    </message>
    <message>
        <source>두 비밀번호가 다릅니다.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <source>{v} 관리 프로그램</source>
        <translation>{v} desk</translation>
    </message>
    <message>
        <source>{v}의 관리 프로그램을 처음 실행했습니다. 첫 관리자 계정을 만드세요. 이 계정으로 다른 자원봉사자의 계정을 만들 수 있습니다.</source>
        <translation>This is the first start of the {v} desk. Create the first manager account; with it you can create accounts for the other volunteers.</translation>
    </message>
    <message>
        <source>허브 동기화 (도시 공유 정보)</source>
        <translation>Hub sync (city sharing listings)</translation>
    </message>
    <message>
        <source>선택한 출처 지금 동기화</source>
        <translation>Sync the chosen source now</translation>
    </message>
    <message>
        <source>키오스크 (같은 데이터베이스를 쓰는 기기)</source>
        <translation>Kiosks (sharing this database)</translation>
    </message>
    <message>
        <source>허브 동기화와 키오스크 상태 정보가 이 PC에 아직 연결되지 않았습니다. 예약과 관리는 그대로 쓸 수 있습니다.</source>
        <translation>Hub sync and kiosk status are not connected on this PC yet. Bookings and management work as usual.</translation>
    </message>
    <message>
        <source>출처</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>마지막 성공</source>
        <translation>Last success</translation>
    </message>
    <message>
        <source>마지막 오류</source>
        <translation>Last error</translation>
    </message>
    <message>
        <source>격리된 행</source>
        <translation>Quarantined rows</translation>
    </message>
    <message>
        <source>키오스크</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>위치</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>마지막 신호</source>
        <translation>Last seen</translation>
    </message>
    <message>
        <source>버전</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>가동 시간</source>
        <translation>Uptime</translation>
    </message>
    <message>
        <source>먼저 출처를 고르세요.</source>
        <translation>First choose a source.</translation>
    </message>
    <message>
        <source>{n} 동기화를 시작했습니다.</source>
        <translation>Sync of {n} started.</translation>
    </message>
    <message>
        <source>없음</source>
        <translation>none</translation>
    </message>
    <message>
        <source>승인 대기</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>확정</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>이용 중</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>이용 완료</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>취소</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>거절</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>노쇼</source>
        <translation>No-show</translation>
    </message>
    <message>
        <source>주차</source>
        <translation>Parking</translation>
    </message>
    <message>
        <source>자전거</source>
        <translation>Bikes</translation>
    </message>
    <message>
        <source>공간</source>
        <translation>Spaces</translation>
    </message>
    <message>
        <source>물품</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>기타</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>{m}분</source>
        <translation>{m} min</translation>
    </message>
    <message>
        <source>하루</source>
        <translation>day</translation>
    </message>
    <message>
        <source>한 주</source>
        <translation>week</translation>
    </message>
    <message>
        <source>한 달</source>
        <translation>month</translation>
    </message>
    <message>
        <source>아이디 또는 비밀번호가 맞지 않습니다.</source>
        <translation>Wrong user name or password.</translation>
    </message>
    <message>
        <source>찾을 수 없습니다.</source>
        <translation>Not found.</translation>
    </message>
    <message>
        <source>예약할 수 없는 자원입니다.</source>
        <translation>This resource cannot be booked.</translation>
    </message>
    <message>
        <source>사용 중지된 자원입니다.</source>
        <translation>This resource is out of service.</translation>
    </message>
    <message>
        <source>사용 중지된 세대입니다.</source>
        <translation>This household is inactive.</translation>
    </message>
    <message>
        <source>PIN 오류로 잠긴 세대입니다.</source>
        <translation>This household is locked after wrong PINs.</translation>
    </message>
    <message>
        <source>시간이 예약 단위에 맞지 않습니다.</source>
        <translation>The time does not fit the booking step.</translation>
    </message>
    <message>
        <source>이미 지난 시간입니다.</source>
        <translation>That time has passed.</translation>
    </message>
    <message>
        <source>시작이 너무 임박했습니다.</source>
        <translation>The start is too soon.</translation>
    </message>
    <message>
        <source>운영 시간이 아닙니다.</source>
        <translation>Outside opening hours.</translation>
    </message>
    <message>
        <source>세대 이용 횟수 한도를 넘습니다.</source>
        <translation>Over the household's booking limit.</translation>
    </message>
    <message>
        <source>세대 이용 시간 한도를 넘습니다.</source>
        <translation>Over the household's time limit.</translation>
    </message>
    <message>
        <source>세대의 예정 예약이 이미 한도만큼 있습니다.</source>
        <translation>The household already has as many upcoming bookings as allowed.</translation>
    </message>
    <message>
        <source>한 번에 예약할 수 있는 수량을 넘습니다.</source>
        <translation>More units than one booking may take.</translation>
    </message>
    <message>
        <source>차량번호가 필요합니다.</source>
        <translation>A plate is needed.</translation>
    </message>
    <message>
        <source>차량번호 형식이 맞지 않습니다.</source>
        <translation>The plate is not in a valid format.</translation>
    </message>
    <message>
        <source>그 시간은 이미 찼습니다.</source>
        <translation>That time is already full.</translation>
    </message>
    <message>
        <source>취소 가능 시간이 지났습니다.</source>
        <translation>Too late to cancel.</translation>
    </message>
    <message>
        <source>아직 체크인 시간이 아닙니다.</source>
        <translation>Check-in is not open yet.</translation>
    </message>
    <message>
        <source>체크인 시간이 지났습니다.</source>
        <translation>Check-in has closed.</translation>
    </message>
    <message>
        <source>지금 상태에서는 할 수 없습니다.</source>
        <translation>Not possible in the booking's current status.</translation>
    </message>
    <message>
        <source>데이터베이스가 바쁩니다. 잠시 후 다시 시도하세요.</source>
        <translation>The database is busy. Try again in a moment.</translation>
    </message>
    <message>
        <source>{h}시간 {m}분</source>
        <translation>{h} h {m} min</translation>
    </message>
    <message>
        <source>{h}시간</source>
        <translation>{h} h</translation>
    </message>
    <message>
        <source>예약함</source>
        <translation>Booked</translation>
    </message>
    <message>
        <source>승인 없이 시작되어 거절됨</source>
        <translation>Rejected: not approved before the start</translation>
    </message>
    <message>
        <source>최대 {d}</source>
        <translation>max {d}</translation>
    </message>
    <message>
        <source>{n}일 앞까지</source>
        <translation>up to {n} days ahead</translation>
    </message>
    <message>
        <source>최소 {d}</source>
        <translation>min {d}</translation>
    </message>
    <message>
        <source>예정 예약 {n}건까지</source>
        <translation>up to {n} upcoming</translation>
    </message>
    <message>
        <source>{d} 전까지 예약</source>
        <translation>book {d} ahead</translation>
    </message>
    <message>
        <source>시작 {d} 전까지 취소</source>
        <translation>cancel up to {d} before</translation>
    </message>
    <message>
        <source>한 번에 {n}개까지</source>
        <translation>up to {n} units at once</translation>
    </message>
    <message>
        <source>예약 사이 {m}분 정리 시간</source>
        <translation>{m} min clean-up between bookings</translation>
    </message>
    <message>
        <source>여러 번 틀려 잠겼습니다. {t}에 다시 시도하세요.</source>
        <translation>Locked after too many wrong tries. Try again at {t}.</translation>
    </message>
    <message>
        <source>사용이 중지된 계정입니다. 관리자에게 문의하세요.</source>
        <translation>This account is deactivated. Ask a manager.</translation>
    </message>
    <message>
        <source>관리자만 할 수 있습니다.</source>
        <translation>Only a manager can do this.</translation>
    </message>
    <message>
        <source>이미 설정되었습니다.</source>
        <translation>Already set up.</translation>
    </message>
    <message>
        <source>너무 짧습니다 (최소 {m}분).</source>
        <translation>Too short (at least {m} min).</translation>
    </message>
    <message>
        <source>너무 깁니다 (최대 {m}분).</source>
        <translation>Too long (at most {m} min).</translation>
    </message>
    <message>
        <source>너무 먼 날짜입니다 ({n}일 앞까지).</source>
        <translation>Too far ahead (up to {n} days).</translation>
    </message>
    <message>
        <source>이용 중단 기간입니다: {w}</source>
        <translation>Closed in this period: {w}</translation>
    </message>
    <message>
        <source>{p} {n}회</source>
        <translation>{n} per {p}</translation>
    </message>
    <message>
        <source>{p} {d}까지</source>
        <translation>up to {d} per {p}</translation>
    </message>
    <message>
        <source>운영 {h}</source>
        <translation>open {h}</translation>
    </message>
    <message>
        <source>이미 있습니다: {m}</source>
        <translation>Already exists: {m}</translation>
    </message>
    <message>
        <source>입력을 확인하세요: {m}</source>
        <translation>Check the input: {m}</translation>
    </message>
    <message>
        <source>찾을 수 없습니다: {m}</source>
        <translation>Not found: {m}</translation>
    </message>
    <message>
        <source>PIN은 숫자 4자리여야 합니다</source>
        <translation>the PIN must be 4 digits</translation>
    </message>
    <message>
        <source>{h}은(는) 새 세대라 PIN이 필요합니다</source>
        <translation>{h} is new and needs a PIN</translation>
    </message>
    <message>
        <source>{h}이(가) {n}번째 줄과 겹칩니다</source>
        <translation>{h} repeats line {n}</translation>
    </message>
    <message>
        <source>동과 호는 숫자여야 합니다: {v}</source>
        <translation>building and unit must be numbers: {v}</translation>
    </message>
    <message>
        <source>차량번호 형식이 아닙니다: {v}</source>
        <translation>not a Korean vehicle plate: {v}</translation>
    </message>
    <message>
        <source>active 열은 yes 또는 no여야 합니다: {v}</source>
        <translation>active must be yes or no, got {v}</translation>
    </message>
    <message>
        <source>빠진 열이 있습니다: {v}</source>
        <translation>missing column(s): {v}</translation>
    </message>
    <message>
        <source>모르는 열이 있습니다: {v}</source>
        <translation>unknown column(s): {v}</translation>
    </message>
    <message>
        <source>값이 열보다 많습니다</source>
        <translation>more values than columns</translation>
    </message>
    <message>
        <source>UTF-8이나 CP949 글자가 아닙니다. 엑셀에서 'CSV UTF-8'로 저장하세요</source>
        <translation>the file is neither UTF-8 nor CP949 text; save it from Excel as 'CSV UTF-8'</translation>
    </message>
    <message>
        <source>관리자</source>
        <translation>manager</translation>
    </message>
    <message>
        <source>봉사자</source>
        <translation>volunteer</translation>
    </message>
    <message>
        <source>로그아웃</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>예약 관리</source>
        <translation>Bookings</translation>
    </message>
    <message>
        <source>달력</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <source>동기화·키오스크</source>
        <translation>Sync &amp;&amp; kiosks</translation>
    </message>
    <message>
        <source>관리</source>
        <translation>Desk</translation>
    </message>
    <message>
        <source>자원 관리</source>
        <translation>Resources</translation>
    </message>
    <message>
        <source>세대 관리</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>보고서</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>계정</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>감사 기록</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>설정</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>한동안 쓰지 않아 로그아웃했습니다. 다시 로그인하세요.</source>
        <translation>Signed out after a while without use. Sign in again.</translation>
    </message>
    <message>
        <source>{n} ({u}, {r})님</source>
        <translation>{n} ({u}, {r})</translation>
    </message>
    <message>
        <source>월</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>화</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>수</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>목</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>금</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>토</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>일</source>
        <translation>Sun</translation>
    </message>
    <message>
        <source>{d} 외 {n}일</source>
        <translation>{d} and {n} more</translation>
    </message>
    <message>
        <source>{d}요일: 시작과 끝이 같습니다.</source>
        <translation>{d}: the start and the end are the same.</translation>
    </message>
    <message>
        <source>{d}요일: 운영 시간을 09:00-22:00처럼 적어 주세요.</source>
        <translation>{d}: write the opening hours like 09:00-22:00.</translation>
    </message>
    <message>
        <source>{d}요일: 운영 시간이 서로 겹칩니다.</source>
        <translation>{d}: the opening hours overlap.</translation>
    </message>
    <message>
        <source>공휴일에 쉼</source>
        <translation>Closed on public holidays</translation>
    </message>
    <message>
        <source>기본 정보</source>
        <translation>Basics</translation>
    </message>
    <message>
        <source>날짜에 시간대를 붙여 주세요. 예: 2026-12-01T10:00+09:00</source>
        <translation>dates need a time zone, e.g. 2026-12-01T10:00+09:00</translation>
    </message>
    <message>
        <source>등록되지 않은 세대입니다: {v}</source>
        <translation>household not registered: {v}</translation>
    </message>
    <message>
        <source>모르는 규칙이 있습니다: {v}</source>
        <translation>unknown rule(s): {v}</translation>
    </message>
    <message>
        <source>모르는 요일이 있습니다: {v}</source>
        <translation>unknown weekday(s) in the hours: {v}</translation>
    </message>
    <message>
        <source>모르는 자원입니다: {v}</source>
        <translation>unknown resource: {v}</translation>
    </message>
    <message>
        <source>비워 두면 그 요일은 쉽니다. 여러 구간은 쉼표로 (09:00-12:00, 13:00-18:00), 자정을 넘기면 22:00-02:00처럼 적습니다. 하루 종일은 00:00-24:00.</source>
        <translation>Leave a day empty to close it. Several periods with commas (09:00-12:00, 13:00-18:00); past midnight like 22:00-02:00. All day is 00:00-24:00.</translation>
    </message>
    <message>
        <source>빼기</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>사유를 적어 주세요</source>
        <translation>a reason is needed</translation>
    </message>
    <message>
        <source>세대는 101-1203처럼 적어야 합니다: {v}</source>
        <translation>a household looks like 101-1203, got {v}</translation>
    </message>
    <message>
        <source>쉬는 날</source>
        <translation>Closed days</translation>
    </message>
    <message>
        <source>쉬는 날 {d}</source>
        <translation>closed {d}</translation>
    </message>
    <message>
        <source>없는 자원입니다: {v}</source>
        <translation>no such resource: {v}</translation>
    </message>
    <message>
        <source>영문 위치 안내</source>
        <translation>Where (English)</translation>
    </message>
    <message>
        <source>예약할 수 없습니다: {m}</source>
        <translation>cannot be booked: {m}</translation>
    </message>
    <message>
        <source>운영 시간 · 쉬는 날</source>
        <translation>Opening hours · closed days</translation>
    </message>
    <message>
        <source>운영 시간은 09:00-22:00처럼 적어야 합니다: {v}</source>
        <translation>opening hours must look like 09:00-22:00: {v}</translation>
    </message>
    <message>
        <source>운영 시간이 하루도 없습니다. 적어도 한 요일은 적어 주세요.</source>
        <translation>It is never open. Enter the hours of at least one weekday.</translation>
    </message>
    <message>
        <source>월요일 시간을 모든 요일에</source>
        <translation>Copy Monday's hours to every day</translation>
    </message>
    <message>
        <source>이미 있는 자원 id입니다: {v}</source>
        <translation>a resource with id {v} already exists</translation>
    </message>
    <message>
        <source>자원 id {v}이(가) 두 번 나옵니다</source>
        <translation>resource id {v} appears twice</translation>
    </message>
    <message>
        <source>자원 {v}: {m}</source>
        <translation>resource {v}: {m}</translation>
    </message>
    <message>
        <source>정한 날짜에 쉼:</source>
        <translation>Closed on these dates:</translation>
    </message>
    <message>
        <source>체크인 시작 (이용 전)</source>
        <translation>Check-in opens (before start)</translation>
    </message>
    <message>
        <source>추가</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>파일을 가져오지 않았습니다. 고칠 줄:</source>
        <translation>Nothing was imported. Lines to fix:</translation>
    </message>
    <message>
        <source>파일을 읽을 수 없습니다: {p} ({e})</source>
        <translation>Cannot read the file: {p} ({e})</translation>
    </message>
    <message>
        <source>휴무</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>PDF로 저장…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>PIN 새로 만들기 (안내문)</source>
        <translation>New PIN (with slip)</translation>
    </message>
    <message>
        <source>PIN 안내문 인쇄</source>
        <translation>Print the PIN slip</translation>
    </message>
    <message>
        <source>{h}의 PIN을 새로 만들고 안내문을 인쇄했습니다.</source>
        <translation>New PIN for {h}; the slip was printed.</translation>
    </message>
    <message>
        <source>{h}의 새 PIN은 {p}입니다. 안내문을 만들지 못했습니다({e}). 세대에 직접 알려 주세요.</source>
        <translation>The new PIN of {h} is {p}. The slip could not be made ({e}); tell the household in person.</translation>
    </message>
    <message>
        <source>오늘의 예약표 인쇄</source>
        <translation>Print today's sheet</translation>
    </message>
    <message>
        <source>오늘의 예약표 인쇄…</source>
        <translation>Print today's sheet…</translation>
    </message>
    <message>
        <source>오늘의 예약표를 인쇄했습니다.</source>
        <translation>Today's sheet was printed.</translation>
    </message>
    <message>
        <source>인쇄…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>인쇄하지 못했습니다. 프린터를 확인하거나 PDF로 저장하세요.</source>
        <translation>Could not print. Check the printer or save as PDF.</translation>
    </message>
    <message>
        <source>프린터 오류</source>
        <translation>printer error</translation>
    </message>
    <message>
        <source>자원별 이용률 (%) — 이 기간에 이용한 예약이 없어 모두 0입니다</source>
        <translation>Utilisation per resource (%) — no booking was used in this period, so all are 0</translation>
    </message>
    <message>
        <source>예약 횟수</source>
        <translation>Bookings</translation>
    </message>
    <message>
        <source>이용 시간 합계</source>
        <translation>Total time</translation>
    </message>
    <message>
        <source>세대당 한도</source>
        <translation>Per household</translation>
    </message>
    <message>
        <source>체크인 필요(시작 {b}분 전부터, {m}분 지나면 자동 취소)</source>
        <translation>check-in needed (opens {b} min before; released {m} min after the start)</translation>
    </message>
    <message>
        <source>세대당 한도 (횟수 · 이용 시간)</source>
        <translation>Limits per household (bookings · time)</translation>
    </message>
    <message>
        <source>체크인은 시작 {m}분 전부터</source>
        <translation>check-in from {m} min before</translation>
    </message>
    <message>
        <source>운영 시간 (요일별)</source>
        <translation>Opening hours per weekday</translation>
    </message>
    <message>
        <source>하루에</source>
        <translation>Per day</translation>
    </message>
    <message>
        <source>한 주에</source>
        <translation>Per week</translation>
    </message>
    <message>
        <source>한 달에</source>
        <translation>Per month</translation>
    </message>
    <message>
        <source>(예정)</source>
        <translation>(coming)</translation>
    </message>
    <message>
        <source>PNG나 JPEG 그림이 아닙니다.</source>
        <translation>This is not a PNG or JPEG picture.</translation>
    </message>
    <message>
        <source>게시하기</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>게시했습니다: {t}</source>
        <translation>Posted: {t}</translation>
    </message>
    <message>
        <source>계속</source>
        <translation>ongoing</translation>
    </message>
    <message>
        <source>고정</source>
        <translation>Pinned</translation>
    </message>
    <message>
        <source>그림</source>
        <translation>Picture</translation>
    </message>
    <message>
        <source>그림 고르기…</source>
        <translation>Choose a picture…</translation>
    </message>
    <message>
        <source>그림 빼기</source>
        <translation>Remove picture</translation>
    </message>
    <message>
        <source>그림 없음</source>
        <translation>No picture</translation>
    </message>
    <message>
        <source>그림을 읽지 못했습니다: {p} ({e})</source>
        <translation>Could not read the picture: {p} ({e})</translation>
    </message>
    <message>
        <source>그림이 {n}MB보다 큽니다.</source>
        <translation>The picture is larger than {n} MB.</translation>
    </message>
    <message>
        <source>내리기</source>
        <translation>Take down</translation>
    </message>
    <message>
        <source>내릴 때까지 계속</source>
        <translation>Until taken down</translation>
    </message>
    <message>
        <source>내용 (영어)</source>
        <translation>Text (English)</translation>
    </message>
    <message>
        <source>내용은 {n}자까지입니다.</source>
        <translation>The text can be at most {n} characters.</translation>
    </message>
    <message>
        <source>내용을 적어 주세요.</source>
        <translation>Please write the text.</translation>
    </message>
    <message>
        <source>마지막 날이 첫날보다 앞섭니다.</source>
        <translation>The last day is before the first day.</translation>
    </message>
    <message>
        <source>맨 앞에 고정</source>
        <translation>Pin to the front</translation>
    </message>
    <message>
        <source>새 소식</source>
        <translation>New notice</translation>
    </message>
    <message>
        <source>소식</source>
        <translation>Notices</translation>
    </message>
    <message>
        <source>소식 게시</source>
        <translation>Notice posted</translation>
    </message>
    <message>
        <source>소식 그림</source>
        <translation>Notice picture</translation>
    </message>
    <message>
        <source>소식 내림</source>
        <translation>Notice taken down</translation>
    </message>
    <message>
        <source>소식을 내렸습니다: {t}</source>
        <translation>Taken down: {t}</translation>
    </message>
    <message>
        <source>영어 내용 (선택)</source>
        <translation>English text (optional)</translation>
    </message>
    <message>
        <source>영어 제목 (없으면 한국어로 보입니다)</source>
        <translation>English title (Korean is shown if empty)</translation>
    </message>
    <message>
        <source>예: 101동 엘리베이터 점검</source>
        <translation>e.g. Building 101 lift maintenance</translation>
    </message>
    <message>
        <source>예: 12월 10일 10시부터 12시까지 점검합니다.</source>
        <translation>e.g. Maintenance on 10 December, 10:00 to 12:00.</translation>
    </message>
    <message>
        <source>이미 내려진 소식입니다.</source>
        <translation>This notice was already taken down.</translation>
    </message>
    <message>
        <source>있음</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>제목</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>제목 (영어)</source>
        <translation>Title (English)</translation>
    </message>
    <message>
        <source>제목은 {n}자까지입니다.</source>
        <translation>The title can be at most {n} characters.</translation>
    </message>
    <message>
        <source>제목을 적어 주세요.</source>
        <translation>Please write a title.</translation>
    </message>
    <message>
        <source>키오스크 첫 화면에 차례로 보입니다. 고정한 소식이 맨 앞입니다.</source>
        <translation>Shown in turn on the kiosks' first screen. Pinned notices come first.</translation>
    </message>
    <message>
        <source>무료</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>행사 이름을 적어 주세요.</source>
        <translation>Please write the event's name.</translation>
    </message>
    <message>
        <source>자리는 한 자리 이상이어야 합니다.</source>
        <translation>An event needs at least one seat.</translation>
    </message>
    <message>
        <source>끝나는 시간이 시작보다 앞섭니다.</source>
        <translation>The end comes before the start.</translation>
    </message>
    <message>
        <source>신청 마감이 시작보다 늦습니다.</source>
        <translation>The sign-up deadline is after the start.</translation>
    </message>
    <message>
        <source>참가비를 확인하세요.</source>
        <translation>Please check the fee.</translation>
    </message>
    <message>
        <source>시간을 확인하세요.</source>
        <translation>Please check the times.</translation>
    </message>
    <message>
        <source>없는 행사입니다.</source>
        <translation>There is no such event.</translation>
    </message>
    <message>
        <source>등록되지 않은 세대입니다. 101-1203처럼 적어 주세요.</source>
        <translation>Not a registered household. Write it like 101-1203.</translation>
    </message>
    <message>
        <source>사용이 중지된 세대입니다.</source>
        <translation>This household is deactivated.</translation>
    </message>
    <message>
        <source>이 행사에 신청할 수 없는 세대입니다.</source>
        <translation>This household may not sign up for this event.</translation>
    </message>
    <message>
        <source>자리가 모두 찼습니다.</source>
        <translation>All seats are taken.</translation>
    </message>
    <message>
        <source>신청 마감이 지났습니다.</source>
        <translation>The sign-up deadline has passed.</translation>
    </message>
    <message>
        <source>이미 신청한 세대입니다.</source>
        <translation>This household is already signed up.</translation>
    </message>
    <message>
        <source>신청하지 않은 세대입니다.</source>
        <translation>This household is not signed up.</translation>
    </message>
    <message>
        <source>이미 끝난 행사입니다.</source>
        <translation>This event is already over.</translation>
    </message>
    <message>
        <source>관리사무소만 할 수 있습니다.</source>
        <translation>Only the management office can do this.</translation>
    </message>
    <message>
        <source>잠시 처리가 밀렸습니다. 다시 눌러 주세요.</source>
        <translation>The database was busy. Please press again.</translation>
    </message>
    <message>
        <source>행사를 고르면 신청한 세대가 보입니다.</source>
        <translation>Choose an event to see the households signed up.</translation>
    </message>
    <message>
        <source>동-호 (예: 101-1203)</source>
        <translation>Bldg-unit (e.g. 101-1203)</translation>
    </message>
    <message>
        <source>세대 신청</source>
        <translation>Sign up household</translation>
    </message>
    <message>
        <source>신청 취소</source>
        <translation>Cancel sign-up</translation>
    </message>
    <message>
        <source>출석부 인쇄…</source>
        <translation>Print attendance sheet…</translation>
    </message>
    <message>
        <source>출석부 PDF 저장…</source>
        <translation>Save attendance sheet as PDF…</translation>
    </message>
    <message>
        <source>예: 옥상 텃밭 모종 나눔</source>
        <translation>e.g. Rooftop seedling swap</translation>
    </message>
    <message>
        <source>영어 이름 (없으면 한국어로 보입니다)</source>
        <translation>English name (Korean is shown without one)</translation>
    </message>
    <message>
        <source>예: 102동 옥상</source>
        <translation>e.g. Building 102 rooftop</translation>
    </message>
    <message>
        <source>끝나는 시간 없음</source>
        <translation>No end time</translation>
    </message>
    <message>
        <source> 세대</source>
        <translation> households</translation>
    </message>
    <message>
        <source> 원</source>
        <translation> won</translation>
    </message>
    <message>
        <source>시작할 때까지 받기</source>
        <translation>Until the start</translation>
    </message>
    <message>
        <source>행사 올리기</source>
        <translation>Add event</translation>
    </message>
    <message>
        <source>행사 이름</source>
        <translation>Event name</translation>
    </message>
    <message>
        <source>행사 이름 (영어)</source>
        <translation>Event name (English)</translation>
    </message>
    <message>
        <source>장소</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>자리</source>
        <translation>Seats</translation>
    </message>
    <message>
        <source>참가비</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>신청 마감</source>
        <translation>Sign-up deadline</translation>
    </message>
    <message>
        <source>새 행사</source>
        <translation>New event</translation>
    </message>
    <message>
        <source>한 세대에 한 자리입니다. 주민은 키오스크의 마을 소식에서 동·호와 비밀번호로 신청합니다.</source>
        <translation>One seat per household. Residents sign up in Village news on the kiosk with their building, unit and PIN.</translation>
    </message>
    <message>
        <source>출석부를 인쇄했습니다.</source>
        <translation>Attendance sheet printed.</translation>
    </message>
    <message>
        <source>{n}원</source>
        <translation>{n} won</translation>
    </message>
    <message>
        <source>행사</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>신청</source>
        <translation>Signed up</translation>
    </message>
    <message>
        <source>남은 자리</source>
        <translation>Seats left</translation>
    </message>
    <message>
        <source>출석부 저장</source>
        <translation>Save attendance sheet</translation>
    </message>
    <message>
        <source>출석부 인쇄</source>
        <translation>Print attendance sheet</translation>
    </message>
    <message>
        <source>이미 지난 시간입니다. 시작 시간을 확인하세요.</source>
        <translation>That time has passed. Please check the start.</translation>
    </message>
    <message>
        <source>행사 이름은 {n}자까지입니다.</source>
        <translation>An event name is at most {n} characters.</translation>
    </message>
    <message>
        <source>장소는 {n}자까지입니다.</source>
        <translation>A place is at most {n} characters.</translation>
    </message>
    <message>
        <source>자리는 {n}자리까지입니다.</source>
        <translation>At most {n} seats.</translation>
    </message>
    <message>
        <source>마감</source>
        <translation>Full</translation>
    </message>
    <message>
        <source>{h} 세대를 신청했습니다: {t}</source>
        <translation>Signed up {h}: {t}</translation>
    </message>
    <message>
        <source>출석부를 저장했습니다: {p}</source>
        <translation>Attendance sheet saved: {p}</translation>
    </message>
    <message>
        <source>행사를 올렸습니다: {t}</source>
        <translation>Event added: {t}</translation>
    </message>
    <message>
        <source>{t}: {n}세대 신청, 남은 자리 {left}</source>
        <translation>{t}: {n} households signed up, {left} seats left</translation>
    </message>
    <message>
        <source>{h} 세대의 신청을 취소했습니다.</source>
        <translation>Cancelled the sign-up of {h}.</translation>
    </message>
    <message>
        <source>신청 마감 {t}</source>
        <translation>Sign-up deadline {t}</translation>
    </message>
    <message>
        <source>동·호</source>
        <translation>Bldg-unit</translation>
    </message>
    <message>
        <source>출석</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>신청 {n}세대 / {seats}자리</source>
        <translation>{n} households signed up / {seats} seats</translation>
    </message>
    <message>
        <source>출석부</source>
        <translation>Attendance sheet</translation>
    </message>
    <message>
        <source>신청한 세대가 없습니다.</source>
        <translation>No household has signed up.</translation>
    </message>
    <message>
        <source>행사 올림</source>
        <translation>Event added</translation>
    </message>
    <message>
        <source>행사 신청</source>
        <translation>Event sign-up</translation>
    </message>
    <message>
        <source>행사 신청 취소</source>
        <translation>Event sign-up cancelled</translation>
    </message>
</context>
<context>
    <name>admin</name>
    <message>
        <source>관리사무소 이름 (키오스크 도움말)</source>
        <translation>Management office name (kiosk help)</translation>
    </message>
    <message>
        <source>관리사무소 영문 이름</source>
        <translation>Management office name in English</translation>
    </message>
    <message>
        <source>관리사무소 전화 (예 02-1234-5678)</source>
        <translation>Management office phone (e.g. 02-1234-5678)</translation>
    </message>
    <message>
        <source>관리사무소 운영 시간</source>
        <translation>Management office opening hours</translation>
    </message>
    <message>
        <source>관리사무소 운영 시간 (영문)</source>
        <translation>Management office opening hours (English)</translation>
    </message>
    <message>
        <source>도움말 QR 코드 주소 (비우면 전화 걸기)</source>
        <translation>Help QR code address (empty: call the phone)</translation>
    </message>
    <message>
        <source>한국어·영어 음성이 모두 없음</source>
        <translation>no Korean or English voice</translation>
    </message>
    <message>
        <source>한국어 음성이 없음</source>
        <translation>no Korean voice</translation>
    </message>
    <message>
        <source>음성 엔진이 없음</source>
        <translation>no speech engine</translation>
    </message>
    <message>
        <source>음성 서비스가 응답하지 않음</source>
        <translation>the speech service does not respond</translation>
    </message>
    <message>
        <source>음성 엔진 오류</source>
        <translation>speech engine error</translation>
    </message>
    <message>
        <source>키오스크 {k}의 신호가 {t} 이후 끊겼습니다 — 전원과 네트워크를 확인하고, 화면이 멈췄으면 키오스크를 다시 켜세요.</source>
        <translation>Kiosk {k} has been silent since {t} — check its power and network, and restart it if the screen is frozen.</translation>
    </message>
    <message>
        <source>허브 출처 {s}의 동기화가 {t} 이후 성공하지 못했습니다 ({e}) — 인터넷 연결을 확인하고 '동기화·키오스크' 탭에서 지금 동기화를 누르세요.</source>
        <translation>Hub source {s} has not synced since {t} ({e}) — check the internet connection and press sync now on the 'Sync &amp; kiosks' tab.</translation>
    </message>
    <message>
        <source>처음부터</source>
        <translation>the start</translation>
    </message>
    <message>
        <source>키오스크 {k}에서 음성 안내를 할 수 없습니다 ({r}) — 스피커와 음성 엔진을 확인하고 키오스크를 다시 켜세요.</source>
        <translation>Kiosk {k} cannot give voice guidance ({r}) — check the speakers and the speech engine, then restart the kiosk.</translation>
    </message>
    <message>
        <source>키오스크 {k}에서 PIN 추측 공격이 의심됩니다: {a}~{b}에 {n}세대가 잠겼습니다 ({h}) — 로비의 키오스크 주변을 확인하세요.</source>
        <translation>Kiosk {k} may be under a PIN guessing attack: {n} households were locked between {a} and {b} ({h}) — check the lobby around the kiosk.</translation>
    </message>
    <message>
        <source>세대 {h}의 PIN이 하루 세 번 이상 잠겨 {t}까지 잠겼습니다 (키오스크 {k}) — 세대에 연락해 본인이면 '세대 관리'에서 잠금을 푸세요.</source>
        <translation>Household {h} was locked for the third time in a day and stays locked until {t} (kiosk {k}) — call the household, and if it was them, unlock it on the 'Households' tab.</translation>
    </message>
    <message>
        <source>계정 {u}의 비밀번호가 하루 세 번 이상 잠겨 {t}까지 잠겼습니다 ({k}) — 본인에게 확인하고, 본인이 아니면 비밀번호를 바꾸세요.</source>
        <translation>Account {u} was locked for the third time in a day and stays locked until {t} ({k}) — ask its owner, and if it was not them, change the password.</translation>
    </message>
    <message>
        <source>키오스크 {k}의 관리자 PIN이 하루 세 번 이상 잠겨 {t}까지 잠겼습니다 — 설치 담당자가 아니라면 누군가 키오스크를 열려고 한 것입니다. 현장을 확인하세요.</source>
        <translation>The installer PIN of kiosk {k} was locked for the third time in a day and stays locked until {t} — unless it was the installer, someone tried to open the kiosk. Check on site.</translation>
    </message>
    <message>
        <source>키오스크와 동기화 상태를 확인하는 중…</source>
        <translation>Checking the kiosks and sync…</translation>
    </message>
    <message>
        <source>키오스크와 동기화에 이상이 없습니다.</source>
        <translation>Kiosks and sync: no problems.</translation>
    </message>
    <message>
        <source>키오스크 상태를 읽지 못했습니다 ({r}) — 데이터베이스 연결을 확인하세요.</source>
        <translation>Could not read the kiosks' state ({r}) — check the database connection.</translation>
    </message>
    <message>
        <source>(외 {n}줄: 마우스를 올리면 모두 보입니다)</source>
        <translation>({n} more lines: hover to see them all)</translation>
    </message>
    <message>
        <source>+ 세대 추가…</source>
        <translation>+ Add household…</translation>
    </message>
    <message>
        <source>2026-11-24, 20261124, 11/24처럼 적거나 달력에서 고르세요.</source>
        <translation>Type it like 2026-11-24, 20261124 or 11/24, or pick it on the calendar.</translation>
    </message>
    <message>
        <source>PDF로 저장</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PIN 안내문: {p}</source>
        <translation>PIN slip: {p}</translation>
    </message>
    <message>
        <source>{h} 세대를 저장했습니다.</source>
        <translation>Saved household {h}.</translation>
    </message>
    <message>
        <source>{h} 세대를 추가했습니다.</source>
        <translation>Added household {h}.</translation>
    </message>
    <message>
        <source>{h}을(를) 다시 사용합니다.</source>
        <translation>{h} can book again.</translation>
    </message>
    <message>
        <source>{n}개 남음</source>
        <translation>{n} left</translation>
    </message>
    <message>
        <source>{t}부터 예약할 수 있습니다.</source>
        <translation>Can be booked from {t}.</translation>
    </message>
    <message>
        <source>{v}</source>
        <translation>{v}</translation>
    </message>
    <message>
        <source>{v} 세대</source>
        <translation>household {v}</translation>
    </message>
    <message>
        <source>{v} 이용 보고서 {a}~{b}</source>
        <translation>{v} usage report {a} to {b}</translation>
    </message>
    <message>
        <source>{w} 키오스크</source>
        <translation>{w} kiosk</translation>
    </message>
    <message>
        <source>공유 자전거 정보 (GBFS)</source>
        <translation>Shared bikes (GBFS)</translation>
    </message>
    <message>
        <source>공유허브 공유 공간·물품</source>
        <translation>Sharing hub spaces and items</translation>
    </message>
    <message>
        <source>관리자 {n}</source>
        <translation>desk user {n}</translation>
    </message>
    <message>
        <source>날짜가 아닙니다: '{t}'. 2026-11-24처럼 적어 주세요.</source>
        <translation>Not a date: '{t}'. Type it like 2026-11-24.</translation>
    </message>
    <message>
        <source>남은 예약 {n}건을 취소합니다</source>
        <translation>Cancel its {n} upcoming bookings</translation>
    </message>
    <message>
        <source>남은 예약은 그대로 둡니다</source>
        <translation>Keep its upcoming bookings</translation>
    </message>
    <message>
        <source>너무 임박</source>
        <translation>too soon</translation>
    </message>
    <message>
        <source>다시 계산</source>
        <translation>Recalculate</translation>
    </message>
    <message>
        <source>닫힘</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>달력에서 고르기</source>
        <translation>Pick on the calendar</translation>
    </message>
    <message>
        <source>동</source>
        <translation>building</translation>
    </message>
    <message>
        <source>동과 호는 1~5자리 숫자여야 합니다: {b}, {u}</source>
        <translation>Building and unit must be numbers of 1-5 digits: {b}, {u}</translation>
    </message>
    <message>
        <source>동과 호를 숫자로 적어 주세요.</source>
        <translation>Type the building and unit as numbers.</translation>
    </message>
    <message>
        <source>바꾸지 않음</source>
        <translation>Keep the current PIN</translation>
    </message>
    <message>
        <source>본인 요청</source>
        <translation>Household's own request</translation>
    </message>
    <message>
        <source>비밀번호는 {n}자 이상이어야 합니다</source>
        <translation>The password needs at least {n} characters</translation>
    </message>
    <message>
        <source>빈 시간</source>
        <translation>Free times</translation>
    </message>
    <message>
        <source>사용 (끄면 전출: 더 예약할 수 없습니다)</source>
        <translation>Active (off = moved out: no more bookings)</translation>
    </message>
    <message>
        <source>사용 열은 예 또는 아니오여야 합니다: {v}</source>
        <translation>The active column must be yes or no: {v}</translation>
    </message>
    <message>
        <source>새로 만들어 안내문으로 주기</source>
        <translation>Make one and hand over the slip</translation>
    </message>
    <message>
        <source>서울 공영주차장 현황</source>
        <translation>Seoul public parking status</translation>
    </message>
    <message>
        <source>서울 따릉이 현황</source>
        <translation>Seoul Ttareungyi bike status</translation>
    </message>
    <message>
        <source>세대 고치기: {h}</source>
        <translation>Edit household: {h}</translation>
    </message>
    <message>
        <source>세대 양식 저장</source>
        <translation>Save the households template</translation>
    </message>
    <message>
        <source>세대 추가</source>
        <translation>Add a household</translation>
    </message>
    <message>
        <source>세대-양식.csv</source>
        <translation>households-template.csv</translation>
    </message>
    <message>
        <source>시설 점검</source>
        <translation>Facility inspection</translation>
    </message>
    <message>
        <source>신청 정보 부족</source>
        <translation>Request incomplete</translation>
    </message>
    <message>
        <source>아이디는 영문·숫자·'.'·'-'·'_' 2~40자여야 합니다</source>
        <translation>The user name must be 2-40 Latin letters, digits, '.', '-' or '_'</translation>
    </message>
    <message>
        <source>아직 못 받음</source>
        <translation>not open yet</translation>
    </message>
    <message>
        <source>양식 내려받기…</source>
        <translation>Download template…</translation>
    </message>
    <message>
        <source>양식을 저장하지 못했습니다: {p} ({e})</source>
        <translation>Could not save the template: {p} ({e})</translation>
    </message>
    <message>
        <source>양식을 저장했습니다: {p}</source>
        <translation>Template saved: {p}</translation>
    </message>
    <message>
        <source>없는 계정입니다: {v}</source>
        <translation>No such account: {v}</translation>
    </message>
    <message>
        <source>열 이름: 동,호,비밀번호,차량번호,사용 (예: 101,1203,4821,12가3456,예). 영어 열 이름(building,unit,pin,plates,active)도 됩니다. '양식 내려받기'로 받은 파일을 채워 엑셀에서 'CSV UTF-8'로 저장하세요. 한 줄이라도 틀리면 아무것도 바꾸지 않습니다.</source>
        <translation>Columns: 동,호,비밀번호,차량번호,사용 (e.g. 101,1203,4821,12가3456,예), or in English building,unit,pin,plates,active. Fill in the file from 'Download template' and save it from Excel as 'CSV UTF-8'. If a single line is wrong, nothing is changed.</translation>
    </message>
    <message>
        <source>예: 101</source>
        <translation>e.g. 101</translation>
    </message>
    <message>
        <source>예: 1203</source>
        <translation>e.g. 1203</translation>
    </message>
    <message>
        <source>예: 2026-11-24</source>
        <translation>e.g. 2026-11-24</translation>
    </message>
    <message>
        <source>예: 4821</source>
        <translation>e.g. 4821</translation>
    </message>
    <message>
        <source>예약 안 받음</source>
        <translation>not bookable</translation>
    </message>
    <message>
        <source>예약 찼음</source>
        <translation>full</translation>
    </message>
    <message>
        <source>예약할 수 있는 시간 {f}칸 / 전체 {n}칸. 초록 칸을 누르면 시작 시각이 됩니다.</source>
        <translation>{f} of {n} times can be booked. Press a green one to start there.</translation>
    </message>
    <message>
        <source>예약할 수 있는 자원이 없습니다.</source>
        <translation>There is nothing to book.</translation>
    </message>
    <message>
        <source>운영 안 함</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>위에서 고르거나 직접 적으세요.</source>
        <translation>Pick one above or type your own.</translation>
    </message>
    <message>
        <source>이 날은 운영하지 않습니다.</source>
        <translation>Closed on this day.</translation>
    </message>
    <message>
        <source>이름을 적어 주세요</source>
        <translation>Type a name</translation>
    </message>
    <message>
        <source>이번 달</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>이번 주</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>이용 규칙 위반</source>
        <translation>Rules not followed</translation>
    </message>
    <message>
        <source>이용 시간 (시간)</source>
        <translation>Hours used</translation>
    </message>
    <message>
        <source>이용 중단</source>
        <translation>closed off</translation>
    </message>
    <message>
        <source>인쇄</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>자기 계정은 사용 중지할 수 없습니다</source>
        <translation>You cannot deactivate your own account</translation>
    </message>
    <message>
        <source>자동 처리</source>
        <translation>automatic</translation>
    </message>
    <message>
        <source>자원별 이용 시간 (시간)</source>
        <translation>Hours used per resource</translation>
    </message>
    <message>
        <source>자원별 이용 시간 (시간) — 이 기간에는 이용한 예약이 없습니다</source>
        <translation>Hours used per resource — no bookings were used in this period</translation>
    </message>
    <message>
        <source>자주 쓰는 사유</source>
        <translation>Common reasons</translation>
    </message>
    <message>
        <source>저장</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>저장하지 못했습니다: {p} ({e})</source>
        <translation>Could not save {p} ({e})</translation>
    </message>
    <message>
        <source>중복 예약</source>
        <translation>Duplicate booking</translation>
    </message>
    <message>
        <source>지난 시간</source>
        <translation>past</translation>
    </message>
    <message>
        <source>직접 정하기 (숫자 4자리)</source>
        <translation>Set it here (4 digits)</translation>
    </message>
    <message>
        <source>취소된 예약 {c}건.</source>
        <translation>{c} bookings cancelled.</translation>
    </message>
    <message>
        <source>키오스크 {n}</source>
        <translation>kiosk {n}</translation>
    </message>
    <message>
        <source>프린터</source>
        <translation>printer</translation>
    </message>
    <message>
        <source>행사·공사로 이용 불가</source>
        <translation>Closed for an event or works</translation>
    </message>
    <message>
        <source>허브 동기화</source>
        <translation>hub sync</translation>
    </message>
    <message>
        <source>허브 정보</source>
        <translation>Hub source</translation>
    </message>
    <message>
        <source>호</source>
        <translation>unit</translation>
    </message>
    <message>
        <source>+ 이웃 회원 등록…</source>
        <translation>+ Register a neighbour…</translation>
    </message>
    <message>
        <source>1년 연장</source>
        <translation>Extend one year</translation>
    </message>
    <message>
        <source>PIN 새로 만들기 (PDF)…</source>
        <translation>New PIN (PDF)…</translation>
    </message>
    <message>
        <source>{m} 사용을 중지했습니다. 취소된 예약 {c}건.</source>
        <translation>{m} deactivated. {c} booking(s) cancelled.</translation>
    </message>
    <message>
        <source>{m} 잠금을 풀었습니다.</source>
        <translation>{m} unlocked.</translation>
    </message>
    <message>
        <source>{m}: {d}까지 쓸 수 있습니다.</source>
        <translation>{m}: may book until {d}.</translation>
    </message>
    <message>
        <source>{m}을(를) 등록했습니다.</source>
        <translation>{m} registered.</translation>
    </message>
    <message>
        <source>{m}의 PIN은 {p}입니다. 안내문을 만들지 못했습니다({e}). 직접 알려 주세요.</source>
        <translation>{m}'s PIN is {p}. The slip could not be made ({e}); tell them yourself.</translation>
    </message>
    <message>
        <source>{m}의 PIN을 새로 만들었습니다. 안내문: {p}</source>
        <translation>New PIN for {m}. Slip: {p}</translation>
    </message>
    <message>
        <source>{m}의 새 PIN은 {p}입니다. 안내문을 만들지 못했습니다({e}). 직접 알려 주세요.</source>
        <translation>{m}'s new PIN is {p}. The slip could not be made ({e}); tell them yourself.</translation>
    </message>
    <message>
        <source>기간 끝남</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>단지 밖 이웃 주민도 주민 동의로 연 공간(자원 관리의 '이용 대상')을 예약할 수 있습니다. 키오스크에서 회원번호 또는 전화번호 끝 4자리와 PIN으로 예약합니다.</source>
        <translation>Local residents from outside the complex may book the spaces the residents opened to them ('Open to' in Resources). At the kiosk they use their member id or the last 4 digits of their phone, and a PIN.</translation>
    </message>
    <message>
        <source>단지 주민만</source>
        <translation>Residents only</translation>
    </message>
    <message>
        <source>단지 주민만 쓸 수 있는 자원입니다. 이웃 회원은 이웃에게 열린 자원만 예약할 수 있습니다.</source>
        <translation>This is for residents of the complex only. Neighbour members may book only what is open to neighbours.</translation>
    </message>
    <message>
        <source>등록</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>로비 키오스크에서 '이웃 회원'을 고르고 회원번호(또는 전화번호 끝 4자리)와 이 PIN 4자리를 누르면 이웃에게 열린 공간을 예약할 수 있습니다. 이 종이는 다른 사람에게 보이지 마세요.</source>
        <translation>At the lobby kiosk choose 'Neighbour member', then type the member id (or the last 4 digits of your phone) and this 4-digit PIN to book the spaces open to neighbours. Do not show this slip to anyone.</translation>
    </message>
    <message>
        <source>먼저 표에서 이웃 회원을 고르세요.</source>
        <translation>First choose a neighbour in the table.</translation>
    </message>
    <message>
        <source>비우면 사용 중지할 때까지 씁니다.</source>
        <translation>Empty: valid until deactivated.</translation>
    </message>
    <message>
        <source>사용 중지: {m}</source>
        <translation>Deactivate: {m}</translation>
    </message>
    <message>
        <source>사용 중지하면 이 회원은 더 예약할 수 없습니다. 남은 예약을 어떻게 할지 정해 주세요.</source>
        <translation>Once deactivated this member cannot book any more. Choose what happens to the bookings ahead.</translation>
    </message>
    <message>
        <source>사용 중지할 때까지</source>
        <translation>Until deactivated</translation>
    </message>
    <message>
        <source>예: 010-1234-5678</source>
        <translation>e.g. 010-1234-5678</translation>
    </message>
    <message>
        <source>예: 홍길동</source>
        <translation>e.g. Hong Gildong</translation>
    </message>
    <message>
        <source>유효기간</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>유효기간 (이날까지)</source>
        <translation>Valid until (inclusive)</translation>
    </message>
    <message>
        <source>유효기간을 2027-11-23처럼 적어 주세요.</source>
        <translation>Type the end date like 2027-11-23.</translation>
    </message>
    <message>
        <source>이름과 전화번호를 적어 주세요.</source>
        <translation>Type the name and the phone number.</translation>
    </message>
    <message>
        <source>이용 대상</source>
        <translation>Open to</translation>
    </message>
    <message>
        <source>이웃 1명당 (일·주·월)</source>
        <translation>Per neighbour (day · week · month)</translation>
    </message>
    <message>
        <source>이웃 회원</source>
        <translation>Neighbours</translation>
    </message>
    <message>
        <source>이웃 회원 {h}의 PIN이 하루 세 번 이상 잠겨 {t}까지 잠겼습니다 (키오스크 {k}) — 회원에게 연락해 본인이면 '이웃 회원'에서 잠금을 푸세요.</source>
        <translation>Neighbour member {h}'s PIN was locked three times in a day, until {t} (kiosk {k}) — call the member and, if it was them, unlock them in 'Neighbours'.</translation>
    </message>
    <message>
        <source>이웃 회원 {n}명</source>
        <translation>{n} neighbour member(s)</translation>
    </message>
    <message>
        <source>이웃 회원 등록</source>
        <translation>Register a neighbour</translation>
    </message>
    <message>
        <source>이웃 회원 예약 PIN 안내</source>
        <translation>Neighbour member booking PIN</translation>
    </message>
    <message>
        <source>이웃 회원도 같은 규칙으로</source>
        <translation>neighbour members too, same rules</translation>
    </message>
    <message>
        <source>이웃 회원도: {r}</source>
        <translation>neighbour members too: {r}</translation>
    </message>
    <message>
        <source>이웃: 며칠 앞까지</source>
        <translation>Neighbours: days ahead</translation>
    </message>
    <message>
        <source>전화번호</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>전화번호 끝자리가 같은 회원이 여럿입니다. 회원번호로 찾으세요.</source>
        <translation>Several members have a phone ending in these digits. Use the member id.</translation>
    </message>
    <message>
        <source>전화번호는 목록과 기록에 가려서(010-****-5678) 보이고 내보내지 않습니다.</source>
        <translation>The phone is shown masked (010-****-5678) in lists and logs and is never exported.</translation>
    </message>
    <message>
        <source>주민과 같음</source>
        <translation>same as residents</translation>
    </message>
    <message>
        <source>주민과 이웃 회원</source>
        <translation>Residents and neighbour members</translation>
    </message>
    <message>
        <source>해지할 때까지</source>
        <translation>until ended</translation>
    </message>
    <message>
        <source>회원 해지</source>
        <translation>Membership ended</translation>
    </message>
    <message>
        <source>회원번호</source>
        <translation>Member id</translation>
    </message>
    <message>
        <source>회원 해지…</source>
        <translation>End membership…</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source> 시간</source>
        <translation> h</translation>
    </message>
    <message>
        <source> 원</source>
        <translation> won</translation>
    </message>
    <message>
        <source>+ 줄 추가</source>
        <translation>+ Add a line</translation>
    </message>
    <message>
        <source>101-1203 또는 N-0003</source>
        <translation>101-1203 or N-0003</translation>
    </message>
    <message>
        <source>1회 이용료</source>
        <translation>Fee per booking</translation>
    </message>
    <message>
        <source>{m} 이용료 조정 {n}건을 기록했습니다 (합계 {t}원).</source>
        <translation>{m}: {n} fee correction(s) recorded (total {t} won).</translation>
    </message>
    <message>
        <source>{m} 청구 합계 {t}원 · 세대·이웃 회원 {n}곳 · 이용 {u}건 · 취소 수수료 {p}원 · 조정 {c}원</source>
        <translation>{m}: total to bill {t} won · {n} household(s) and neighbour member(s) · {u} use(s) · cancellation fees {p} won · corrections {c} won</translation>
    </message>
    <message>
        <source>{m}에는 청구할 이용료가 없습니다.</source>
        <translation>No fees to bill for {m}.</translation>
    </message>
    <message>
        <source>{n}번째 줄: {t}</source>
        <translation>Line {n}: {t}</translation>
    </message>
    <message>
        <source>{v} 세대가 없습니다.</source>
        <translation>There is no household {v}.</translation>
    </message>
    <message>
        <source>{v} 이용료 {m}</source>
        <translation>{v} fees {m}</translation>
    </message>
    <message>
        <source>{v} 이웃 회원이 없습니다.</source>
        <translation>There is no neighbour member {v}.</translation>
    </message>
    <message>
        <source>{y}년 {m}월</source>
        <translation>{m}/{y}</translation>
    </message>
    <message>
        <source>◀ 지난달</source>
        <translation>◀ Previous month</translation>
    </message>
    <message>
        <source>관리자만 이용료를 조정할 수 있습니다.</source>
        <translation>Only a manager can correct fees.</translation>
    </message>
    <message>
        <source>금액</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>금액 (빼려면 -)</source>
        <translation>Amount (- to take off)</translation>
    </message>
    <message>
        <source>금액은 0이 아닌 원 단위로, {m}원까지입니다.</source>
        <translation>The amount is whole won, not 0, at most {m} won.</translation>
    </message>
    <message>
        <source>다음 달 ▶</source>
        <translation>Next month ▶</translation>
    </message>
    <message>
        <source>달을 2026-11처럼 적어 주세요.</source>
        <translation>Write the month like 2026-11.</translation>
    </message>
    <message>
        <source>당일 취소</source>
        <translation>Cancelled on the day</translation>
    </message>
    <message>
        <source>보증금 안내</source>
        <translation>Deposit note</translation>
    </message>
    <message>
        <source>사유 (필수)</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <source>사유는 300자까지 적을 수 있습니다.</source>
        <translation>A reason is at most 300 characters.</translation>
    </message>
    <message>
        <source>세대 / 이웃 회원</source>
        <translation>Household / neighbour member</translation>
    </message>
    <message>
        <source>세대 또는 이웃 회원의 이달 청구에 더하거나(+) 빼는(-) 금액입니다. 모든 줄이 한꺼번에 기록되거나, 하나라도 틀리면 아무것도 기록되지 않습니다.</source>
        <translation>Amounts added to (+) or taken off (-) a household's or neighbour member's bill this month. All lines are recorded together; if one is wrong, nothing is recorded.</translation>
    </message>
    <message>
        <source>세대(101-1203) 또는 이웃 회원 번호(N-0003)를 적어 주세요.</source>
        <translation>Write a household (101-1203) or a neighbour member id (N-0003).</translation>
    </message>
    <message>
        <source>세대별 청구</source>
        <translation>Bill per household</translation>
    </message>
    <message>
        <source>세대별 청구 (관리비에 더할 금액, 원)</source>
        <translation>Bill per household (added to the maintenance bill, won)</translation>
    </message>
    <message>
        <source>시간당 이용료</source>
        <translation>Fee per hour</translation>
    </message>
    <message>
        <source>시작 전 며칠 안에 취소</source>
        <translation>Cancelled within days of the start</translation>
    </message>
    <message>
        <source>아무것도 기록하지 않았습니다.</source>
        <translation>Nothing was recorded.</translation>
    </message>
    <message>
        <source>시작 전 몇 시간 안에 취소</source>
        <translation>Cancelled within hours of the start</translation>
    </message>
    <message>
        <source>언제 취소해도</source>
        <translation>Cancelled at any time</translation>
    </message>
    <message>
        <source>여러 칸에 해당하면 가장 높은 %를 받습니다. 0 %는 받지 않는다는 뜻입니다. 관리자가 마을 사정으로 취소하면 받지 않을 수 있습니다.</source>
        <translation>When several apply, the highest % is charged. 0 % means none. A manager cancelling for the village's own reasons can waive it.</translation>
    </message>
    <message>
        <source>영문 보증금 안내</source>
        <translation>Deposit note (English)</translation>
    </message>
    <message>
        <source>예: 10월 커뮤니티룸 중복 청구 환불</source>
        <translation>e.g. refund of a double charge for the community room in October</translation>
    </message>
    <message>
        <source>예: 행사 때 보증금 50,000원</source>
        <translation>e.g. 50,000 won deposit for events</translation>
    </message>
    <message>
        <source>예약 후 이 시간 안 취소는 무료</source>
        <translation>Free if cancelled this soon after booking</translation>
    </message>
    <message>
        <source>예약의 이용료는 예약할 때의 요금으로 정해져 예약과 함께 저장됩니다. 시작일이 이 달인 예약 중 확정·이용·노쇼는 이용료를, 취소는 취소 수수료를 청구합니다. 승인 대기와 거절은 청구하지 않습니다.</source>
        <translation>A booking's fee is set by the prices when it was booked and stored with it. Bookings starting this month are billed their fee when confirmed, used or not turned up to, and their cancellation fee when cancelled. Pending and rejected bookings are not billed.</translation>
    </message>
    <message>
        <source>이용 건수</source>
        <translation>Uses</translation>
    </message>
    <message>
        <source>이용료</source>
        <translation>Fees</translation>
    </message>
    <message>
        <source>이용료 (관리비에 청구)</source>
        <translation>Fees (on the maintenance bill)</translation>
    </message>
    <message>
        <source>이용료 조정: {m}</source>
        <translation>Fee correction: {m}</translation>
    </message>
    <message>
        <source>이용료 청구서 저장</source>
        <translation>Save the fee statement</translation>
    </message>
    <message>
        <source>이웃 회원: 1회 이용료</source>
        <translation>Neighbours: fee per booking</translation>
    </message>
    <message>
        <source>이웃 회원: 시간당 이용료</source>
        <translation>Neighbours: fee per hour</translation>
    </message>
    <message>
        <source>이웃 회원: 처음 무료 시간</source>
        <translation>Neighbours: free minutes at the start</translation>
    </message>
    <message>
        <source>자원별 합계</source>
        <translation>Totals per resource</translation>
    </message>
    <message>
        <source>자원별 합계 (원)</source>
        <translation>Totals per resource (won)</translation>
    </message>
    <message>
        <source>조정</source>
        <translation>Corrections</translation>
    </message>
    <message>
        <source>조정 사유를 적어 주세요. 감사 기록에 남습니다.</source>
        <translation>Write the reason for the correction. It is kept in the audit log.</translation>
    </message>
    <message>
        <source>조정 입력…</source>
        <translation>Correct…</translation>
    </message>
    <message>
        <source>조정할 줄이 없습니다.</source>
        <translation>There is no line to correct.</translation>
    </message>
    <message>
        <source>처음 무료 시간</source>
        <translation>Free minutes at the start</translation>
    </message>
    <message>
        <source>청구 내역</source>
        <translation>Charges</translation>
    </message>
    <message>
        <source>청구 내역 (줄을 고르면 그 세대만)</source>
        <translation>Charges (choose a line to see only that household's)</translation>
    </message>
    <message>
        <source>청구액</source>
        <translation>To bill</translation>
    </message>
    <message>
        <source>취소 수수료</source>
        <translation>Cancellation fees</translation>
    </message>
    <message>
        <source>취소 수수료 (이용료의 %)</source>
        <translation>Cancellation fee (% of the fee)</translation>
    </message>
    <message>
        <source>합계</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>취소 수수료 받지 않음 (마을 사정으로 취소할 때)</source>
        <translation>No cancellation fee (cancelled for the village's own reasons)</translation>
    </message>
    <message>
        <source>이용료 {f}원</source>
        <translation>Fee {f} won</translation>
    </message>
</context>
</TS>
