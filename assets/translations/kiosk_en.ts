<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="ko_KR">
<context>
    <name>kiosk</name>
    <message>
        <source>목록</source>
        <translation>List</translation>
    </message>
    <message>
        <source>세대 확인</source>
        <translation>Household check</translation>
    </message>
    <message>
        <source>안내 화면</source>
        <translation>Welcome screen</translation>
    </message>
    <message>
        <source>예약 완료</source>
        <translation>Booking done</translation>
    </message>
    <message>
        <source>예약 확인</source>
        <translation>Check your booking</translation>
    </message>
    <message>
        <source>자세히 보기</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>접근성 · 음성</source>
        <translation>Accessibility · voice</translation>
    </message>
    <message>
        <source>접근성 설정</source>
        <translation>Accessibility settings</translation>
    </message>
    <message>
        <source>차량 번호</source>
        <translation>Car plate</translation>
    </message>
    <message>
        <source>처음 화면</source>
        <translation>Home screen</translation>
    </message>
    <message>
        <source>보기 설정</source>
        <translation>Display settings</translation>
    </message>
    <message>
        <source>언어</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>글자 크기</source>
        <translation>Text size</translation>
    </message>
    <message>
        <source>보통</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>크게</source>
        <translation>Large</translation>
    </message>
    <message>
        <source>아주 크게</source>
        <translation>Extra large</translation>
    </message>
    <message>
        <source>닫기</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>아직 계신가요?</source>
        <translation>Still there?</translation>
    </message>
    <message>
        <source>계속 쓸게요</source>
        <translation>Keep going</translation>
    </message>
    <message>
        <source>{n}초 뒤 입력하신 내용을 지우고 처음 화면으로 돌아갑니다.</source>
        <translation>In {n} s what you entered is erased and the start screen returns.</translation>
    </message>
    <message>
        <source>{kind} · 가까운 순</source>
        <translation>{kind} · nearest first</translation>
    </message>
    <message>
        <source>불러오는 중…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>이 종류는 아직 등록된 곳이 없습니다.</source>
        <translation>Nothing of this kind is listed yet.</translation>
    </message>
    <message>
        <source>무엇</source>
        <translation>What</translation>
    </message>
    <message>
        <source>어디</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>언제</source>
        <translation>When</translation>
    </message>
    <message>
        <source>이대로 예약할까요?</source>
        <translation>Book this?</translation>
    </message>
    <message>
        <source>시간 바꾸기</source>
        <translation>Change time</translation>
    </message>
    <message>
        <source>예약 번호</source>
        <translation>Booking code</translation>
    </message>
    <message>
        <source>휴대전화로 찍어 두세요</source>
        <translation>Take a photo with your phone</translation>
    </message>
    <message>
        <source>다 봤습니다</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>바꾸거나 취소하려면 &apos;내 예약&apos;을 누르세요.</source>
        <translation>To change or cancel, tap &apos;My bookings&apos;.</translation>
    </message>
    <message>
        <source>세대</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>차량</source>
        <translation>Vehicle</translation>
    </message>
    <message>
        <source>확인 중…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>예약 확정</source>
        <translation>Confirm booking</translation>
    </message>
    <message>
        <source>관리사무소가 승인하면 확정됩니다.</source>
        <translation>It is confirmed once the management office approves it.</translation>
    </message>
    <message>
        <source>예약 신청을 받았습니다</source>
        <translation>Request received</translation>
    </message>
    <message>
        <source>예약되었습니다</source>
        <translation>Booked</translation>
    </message>
    <message>
        <source>관리사무소가 승인하면 확정됩니다. &apos;내 예약&apos;에서 확인하세요.</source>
        <translation>It is confirmed once the management office approves it. Check &apos;My bookings&apos;.</translation>
    </message>
    <message>
        <source>시간에 맞춰 바로 이용하시면 됩니다.</source>
        <translation>Just use it at the booked time.</translation>
    </message>
    <message>
        <source>차단기가 차량 번호를 알아봅니다.</source>
        <translation>The gate recognises the plate.</translation>
    </message>
    <message>
        <source>{start}부터 {end}까지, {h}시간 {m}분</source>
        <translation>{start} to {end}, {h} h {m} min</translation>
    </message>
    <message>
        <source>{start}부터 {end}까지, 1시간</source>
        <translation>{start} to {end}, 1 hour</translation>
    </message>
    <message>
        <source>{start}부터 {end}까지, {h}시간</source>
        <translation>{start} to {end}, {h} hours</translation>
    </message>
    <message>
        <source>{start}부터 {end}까지, {m}분</source>
        <translation>{start} to {end}, {m} min</translation>
    </message>
    <message>
        <source>한 번에 최대 {max}까지라 {end}까지는 고를 수 없습니다.</source>
        <translation>A booking lasts at most {max}, so it cannot end at {end}.</translation>
    </message>
    <message>
        <source>한 번에 {min} 이상이어야 해서 {end}에 끝낼 수 없습니다.</source>
        <translation>A booking lasts at least {min}, so it cannot end at {end}.</translation>
    </message>
    <message>
        <source>그 사이 {time}에 예약할 수 없어 {end}까지는 고를 수 없습니다.</source>
        <translation>{time} in between cannot be booked, so it cannot end at {end}.</translation>
    </message>
    <message>
        <source>{n}초 뒤 처음 화면으로 돌아갑니다</source>
        <translation>Back to the start screen in {n} s</translation>
    </message>
    <message>
        <source>취소는 {time}까지 &apos;내 예약&apos;에서 할 수 있습니다.</source>
        <translation>You can cancel in &apos;My bookings&apos; until {time}.</translation>
    </message>
    <message>
        <source>시작 후 {minutes}분 안에 체크인하지 않으면 예약이 풀립니다.</source>
        <translation>Check in within {minutes} min of the start or the booking is released.</translation>
    </message>
    <message>
        <source>{opens}부터 {closes} 사이에 이 화면의 &apos;내 예약&apos;에서 체크인하세요.</source>
        <translation>Check in under &apos;My bookings&apos; on this screen between {opens} and {closes}.</translation>
    </message>
    <message>
        <source>마감</source>
        <translation>Full</translation>
    </message>
    <message>
        <source>예약 가능</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>이용 규칙</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>날짜</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>시작 시간 (뒤의 시간을 이어서 누르면 그 시간에 끝남)</source>
        <translation>Start time (then tap a later time to end at that time)</translation>
    </message>
    <message>
        <source>이용 시간</source>
        <translation>How long</translation>
    </message>
    <message>
        <source>이 시간으로 예약하기</source>
        <translation>Book this time</translation>
    </message>
    <message>
        <source>비슷한 곳 보기</source>
        <translation>Similar places</translation>
    </message>
    <message>
        <source>시의 공유 정보에서 온 곳입니다.</source>
        <translation>Listed by the city sharing service.</translation>
    </message>
    <message>
        <source>여기서는 예약하지 않습니다. 현장에서 안내에 따라 바로 이용하세요.</source>
        <translation>Not booked here. Use it on site as its signs explain.</translation>
    </message>
    <message>
        <source>안내 전용입니다. 키오스크에서는 예약하지 않으니, 이곳 안내대로 이용하세요.</source>
        <translation>Information only: not booked at the kiosk. Use it as its description says.</translation>
    </message>
    <message>
        <source>예약 현황을 불러오는 중…</source>
        <translation>Loading availability…</translation>
    </message>
    <message>
        <source>먼저 시작 시간을 누르세요.</source>
        <translation>First tap a start time.</translation>
    </message>
    <message>
        <source>빈 곳 {n}</source>
        <translation>{n} free</translation>
    </message>
    <message>
        <source>운영 안 함</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>휴관</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>예약 마감</source>
        <translation>Too late</translation>
    </message>
    <message>
        <source>아직 안 됨</source>
        <translation>Not yet</translation>
    </message>
    <message>
        <source>지남</source>
        <translation>Past</translation>
    </message>
    <message>
        <source>찾을 수 없습니다</source>
        <translation>Not found</translation>
    </message>
    <message>
        <source>이 날은 예약할 수 있는 시간이 없습니다.</source>
        <translation>No bookable time on this day.</translation>
    </message>
    <message>
        <source>그 길이로는 예약할 수 없습니다. 더 짧게 고르세요.</source>
        <translation>Not possible for that long. Choose a shorter time.</translation>
    </message>
    <message>
        <source>사용 중지: {reason}</source>
        <translation>Out of service: {reason}</translation>
    </message>
    <message>
        <source>공공 공유 정보</source>
        <translation>Public sharing listing</translation>
    </message>
    <message>
        <source>지금은 이용할 수 없습니다</source>
        <translation>Not available now</translation>
    </message>
    <message>
        <source>실시간 정보 없음</source>
        <translation>No live figures</translation>
    </message>
    <message>
        <source>{count} · {time} 기준</source>
        <translation>{count} · as of {time}</translation>
    </message>
    <message>
        <source>안내 전용 · 예약 없이 이용</source>
        <translation>Information only · no booking needed</translation>
    </message>
    <message>
        <source>지금은 운영 시간이 아닙니다</source>
        <translation>Closed at this hour</translation>
    </message>
    <message>
        <source>지금 {free} / {total} 이용 가능</source>
        <translation>{free} of {total} free now</translation>
    </message>
    <message>
        <source>지금 {free}개 이용 가능</source>
        <translation>{free} free now</translation>
    </message>
    <message>
        <source>무엇을 찾으세요? 화면을 눌러 고르세요.</source>
        <translation>What are you looking for? Tap to choose.</translation>
    </message>
    <message>
        <source>지도</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>가까운 곳을 지도로 보기</source>
        <translation>What is near, on a map</translation>
    </message>
    <message>
        <source>내 예약</source>
        <translation>My bookings</translation>
    </message>
    <message>
        <source>확인 · 체크인 · 취소</source>
        <translation>View · check in · cancel</translation>
    </message>
    <message>
        <source>지금 바로 이용할 수 있어요</source>
        <translation>Free to use right now</translation>
    </message>
    <message>
        <source>화면을 누르면 시작합니다</source>
        <translation>Touch the screen to start</translation>
    </message>
    <message>
        <source>살펴보기</source>
        <translation>Browse</translation>
    </message>
    <message>
        <source>지금은 비어 있는 곳이 없습니다</source>
        <translation>Nothing is free right now</translation>
    </message>
    <message>
        <source>지금 {n}곳 이용 가능</source>
        <translation>{n} free now</translation>
    </message>
    <message>
        <source>동, 호, 비밀번호 네 자리를 차례로 누르세요. 비밀번호는 화면에 보이지 않습니다.</source>
        <translation>Enter building, unit and your 4-digit PIN. The PIN is never shown.</translation>
    </message>
    <message>
        <source>동</source>
        <translation>Building</translation>
    </message>
    <message>
        <source>호</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>비밀번호</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>지우기</source>
        <translation>Erase</translation>
    </message>
    <message>
        <source>차량 번호를 고르거나 입력하세요</source>
        <translation>Choose or enter the vehicle plate</translation>
    </message>
    <message>
        <source>다른 차량 번호 입력 (예: 12가3456, 123가4567)</source>
        <translation>Another plate (e.g. 12가3456, 123가4567)</translation>
    </message>
    <message>
        <source>이 번호로 계속</source>
        <translation>Use this plate</translation>
    </message>
    <message>
        <source>모두 지우기</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>예약하려면 세대를 확인합니다</source>
        <translation>Confirm your household to book</translation>
    </message>
    <message>
        <source>내 예약을 보려면 세대를 확인합니다</source>
        <translation>Confirm your household to see your bookings</translation>
    </message>
    <message>
        <source>확인</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>다음</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>비밀번호는 네 자리입니다. 다시 눌러 주세요.</source>
        <translation>The PIN has 4 digits. Please enter it again.</translation>
    </message>
    <message>
        <source>등록된 차량</source>
        <translation>Registered vehicles</translation>
    </message>
    <message>
        <source>등록된 차량이 없습니다</source>
        <translation>No registered vehicles</translation>
    </message>
    <message>
        <source>여기</source>
        <translation>Here</translation>
    </message>
    <message>
        <source>지도를 준비하고 있습니다…</source>
        <translation>Preparing the map…</translation>
    </message>
    <message>
        <source>승인 기다리는 중</source>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <source>확정</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>체크인함</source>
        <translation>Checked in</translation>
    </message>
    <message>
        <source>예, 취소합니다</source>
        <translation>Yes, cancel it</translation>
    </message>
    <message>
        <source>아니요</source>
        <translation>No</translation>
    </message>
    <message>
        <source>{household} 세대의 예약</source>
        <translation>Bookings of {household}</translation>
    </message>
    <message>
        <source>다가오는 예약이 없습니다.</source>
        <translation>No upcoming bookings.</translation>
    </message>
    <message>
        <source>예약하러 가기</source>
        <translation>Book something</translation>
    </message>
    <message>
        <source>이 예약을 취소할까요?</source>
        <translation>Cancel this booking?</translation>
    </message>
    <message>
        <source>체크인</source>
        <translation>Check in</translation>
    </message>
    <message>
        <source>예약을 취소했습니다.</source>
        <translation>The booking is cancelled.</translation>
    </message>
    <message>
        <source>체크인했습니다. 이용하시면 됩니다.</source>
        <translation>Checked in. Enjoy.</translation>
    </message>
    <message>
        <source>{start}–{end} · {status} · 예약 번호 {code}</source>
        <translation>{start}–{end} · {status} · code {code}</translation>
    </message>
    <message>
        <source>예약 취소</source>
        <translation>Cancel booking</translation>
    </message>
    <message>
        <source>차량 {plate}</source>
        <translation>Vehicle {plate}</translation>
    </message>
    <message>
        <source>바꾸시려면 관리사무소에 문의하세요.</source>
        <translation>To change it, ask the management office.</translation>
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
        <source>오늘</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>내일</source>
        <translation>Tomorrow</translation>
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
        <source>기타 안내</source>
        <translation>Other information</translation>
    </message>
    <message>
        <source>{month}월 {day}일 ({weekday})</source>
        <translation>{weekday} {month}/{day}</translation>
    </message>
    <message>
        <source>{m}분</source>
        <translation>{m} min</translation>
    </message>
    <message>
        <source>{distance} · 걸어서 {minutes}분</source>
        <translation>{distance} · {minutes} min walk</translation>
    </message>
    <message>
        <source>하루</source>
        <translation>day</translation>
    </message>
    <message>
        <source>일주일</source>
        <translation>week</translation>
    </message>
    <message>
        <source>한 달</source>
        <translation>month</translation>
    </message>
    <message>
        <source>시작 전까지 언제든 취소할 수 있습니다</source>
        <translation>Cancel any time before the start</translation>
    </message>
    <message>
        <source>관리사무소가 승인하면 확정됩니다</source>
        <translation>Confirmed once the management office approves</translation>
    </message>
    <message>
        <source>차량 번호가 필요합니다</source>
        <translation>A vehicle plate is needed</translation>
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
        <source>한 번에 {min}부터 최대 {max}까지</source>
        <translation>From {min} up to {max} at a time</translation>
    </message>
    <message>
        <source>{days}일 뒤까지 예약할 수 있습니다</source>
        <translation>Bookable up to {days} days ahead</translation>
    </message>
    <message>
        <source>다가오는 예약은 한 집에 {n}건까지</source>
        <translation>Up to {n} upcoming bookings per household</translation>
    </message>
    <message>
        <source>시작 {notice} 전까지 예약</source>
        <translation>Book at least {notice} ahead</translation>
    </message>
    <message>
        <source>취소는 시작 {cutoff} 전까지</source>
        <translation>Cancel up to {cutoff} before the start</translation>
    </message>
    <message>
        <source>시작 후 {minutes}분 안에 체크인하지 않으면 예약이 풀립니다</source>
        <translation>Check in within {minutes} min of the start or it is released</translation>
    </message>
    <message>
        <source>{period}에 {n}번까지</source>
        <translation>Bookings per {period}: {n}</translation>
    </message>
    <message>
        <source>{period}에 모두 {total}까지</source>
        <translation>Time per {period}: {total} in all</translation>
    </message>
    <message>
        <source>← 뒤로</source>
        <translation>← Back</translation>
    </message>
    <message>
        <source>처음으로</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>온라인</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>오프라인</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>{online} · 공공 목록 {time} 기준</source>
        <translation>{online} · public listings as of {time}</translation>
    </message>
    <message>
        <source>{online} · 마을 자원은 늘 최신입니다</source>
        <translation>{online} · village resources are always up to date</translation>
    </message>
    <message>
        <source>지금은 할 수 없습니다. 다시 해 보시거나 관리사무소에 문의하세요.</source>
        <translation>That is not possible now. Try again or ask the management office.</translation>
    </message>
    <message>
        <source>시작한 예약은 취소할 수 없습니다.</source>
        <translation>A booking that has started cannot be cancelled.</translation>
    </message>
    <message>
        <source>문제가 생겼습니다. 입력하신 내용은 그대로입니다. 다시 눌러 주시거나 관리사무소에 문의하세요.</source>
        <translation>Something went wrong. What you entered is kept. Tap again or ask the management office.</translation>
    </message>
    <message>
        <source>찾을 수 없습니다. 동과 호수를 확인하고 다시 눌러 주세요.</source>
        <translation>Not found. Check the building and unit and try again.</translation>
    </message>
    <message>
        <source>이 세대는 지금 예약할 수 없습니다. 관리사무소에 문의하세요.</source>
        <translation>This household cannot book right now. Please ask the management office.</translation>
    </message>
    <message>
        <source>고르시는 사이에 다른 분이 그 시간을 예약했습니다. 다른 시간을 골라 주세요.</source>
        <translation>Someone else booked that time while you were choosing. Please pick another time.</translation>
    </message>
    <message>
        <source>이 세대가 쓸 수 있는 횟수나 시간을 모두 썼습니다. 다른 날을 고르시거나 &apos;내 예약&apos;에서 예약을 취소한 뒤 다시 하세요.</source>
        <translation>Your household has used up its bookings or time. Pick another day, or cancel a booking under &apos;My bookings&apos; and try again.</translation>
    </message>
    <message>
        <source>지금은 사용 중지 상태입니다. 같은 종류의 다른 곳을 골라 주세요.</source>
        <translation>It is out of service now. Please choose another one of the same kind.</translation>
    </message>
    <message>
        <source>그 시간에는 문을 닫습니다. 다른 시간을 골라 주세요.</source>
        <translation>It is closed at that time. Please pick another time.</translation>
    </message>
    <message>
        <source>그 시간은 이미 지났거나 너무 가깝습니다. 조금 뒤의 시간을 골라 주세요.</source>
        <translation>That time has passed or is too soon. Please pick a later time.</translation>
    </message>
    <message>
        <source>그렇게 먼 날은 아직 예약할 수 없습니다. 더 가까운 날을 골라 주세요.</source>
        <translation>That day is too far ahead to book yet. Please pick a nearer day.</translation>
    </message>
    <message>
        <source>이용 시간이 규칙에 맞지 않습니다. 다른 길이를 골라 주세요.</source>
        <translation>That length is not allowed. Please choose another length.</translation>
    </message>
    <message>
        <source>한 번에 예약할 수 있는 수를 넘었습니다.</source>
        <translation>That is more than one booking may hold.</translation>
    </message>
    <message>
        <source>차량 번호를 확인해 주세요. 예: 12가3456 또는 123가4567</source>
        <translation>Please check the plate, e.g. 12가3456 or 123가4567.</translation>
    </message>
    <message>
        <source>안내 전용이라 여기서 예약하지 않습니다.</source>
        <translation>Information only: it is not booked here.</translation>
    </message>
    <message>
        <source>잠시 처리가 밀렸습니다. 입력하신 내용은 그대로입니다. 다시 눌러 주세요.</source>
        <translation>The system was busy. What you entered is kept. Please tap again.</translation>
    </message>
    <message>
        <source>비밀번호가 맞지 않습니다. {n}번 더 틀리면 잠시 잠깁니다. 다시 눌러 주세요.</source>
        <translation>Wrong PIN. {n} more wrong tries lock it for a while. Please try again.</translation>
    </message>
    <message>
        <source>비밀번호를 여러 번 틀려 {time}까지 잠겼습니다. 그 뒤에 다시 하시거나 관리사무소에 문의하세요.</source>
        <translation>Too many wrong PINs: locked until {time}. Try again after that or ask the management office.</translation>
    </message>
    <message>
        <source>취소 마감 시간({time})이 지나 여기서는 취소할 수 없습니다. 관리사무소에 문의하세요.</source>
        <translation>Cancelling closed at {time}, so it cannot be cancelled here. Please ask the management office.</translation>
    </message>
    <message>
        <source>체크인은 {time}부터 할 수 있습니다. 그때 다시 와 주세요.</source>
        <translation>Check-in opens at {time}. Please come back then.</translation>
    </message>
    <message>
        <source>체크인 시간({time})이 지나 예약이 풀렸습니다. 다시 예약해 주세요.</source>
        <translation>Check-in closed at {time} and the booking was released. Please book again.</translation>
    </message>
    <message>
        <source>취소는 시작 {cutoff} 전까지만 할 수 있습니다.</source>
        <translation>Cancelling is possible only up to {cutoff} before the start.</translation>
    </message>
    <message>
        <source>이 키오스크는 지금 점검 중입니다.
관리사무소에 알려 주세요.</source>
        <translation>This kiosk is out of order for maintenance.
Please tell the management office.</translation>
    </message>
    <message>
        <source>설치 담당자께:</source>
        <translation>For the installer:</translation>
    </message>
    <message>
        <source>{figure} · 오래된 정보</source>
        <translation>{figure} · may be out of date</translation>
    </message>
    <message>
        <source>{number}번 {name}</source>
        <translation>No. {number} {name}</translation>
    </message>
    <message>
        <source>유료</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>무료</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>야간 개방</source>
        <translation>Free at night</translation>
    </message>
    <message>
        <source>야간 미개방</source>
        <translation>Not free at night</translation>
    </message>
    <message>
        <source>노외 주차장</source>
        <translation>Off-street car park</translation>
    </message>
    <message>
        <source>노상 주차장</source>
        <translation>On-street parking</translation>
    </message>
    <message>
        <source>부설 주차장</source>
        <translation>Building car park</translation>
    </message>
    <message>
        <source>시간제 주차장</source>
        <translation>Pay by time</translation>
    </message>
    <message>
        <source>거주자우선 주차장</source>
        <translation>Residents' priority parking</translation>
    </message>
    <message>
        <source>빈 거치대 {n}곳</source>
        <translation>{n} free docks</translation>
    </message>
    <message>
        <source>전기자전거 {n}대</source>
        <translation>{n} e-bikes</translation>
    </message>
    <message>
        <source>배터리 {pct}% · 약 {km} km 주행 가능</source>
        <translation>Battery {pct}% · about {km} km range</translation>
    </message>
    <message>
        <source>배터리 {pct}%</source>
        <translation>Battery {pct}%</translation>
    </message>
    <message>
        <source>기본 {minutes}분 {won}원</source>
        <translation>first {minutes} min ₩{won}</translation>
    </message>
    <message>
        <source>추가 {minutes}분마다 {won}원</source>
        <translation>₩{won} per {minutes} min after</translation>
    </message>
    <message>
        <source>하루 최대 {won}원</source>
        <translation>at most ₩{won} a day</translation>
    </message>
    <message>
        <source>월 정기권 {won}원</source>
        <translation>monthly pass ₩{won}</translation>
    </message>
    <message>
        <source>요금: {fees}</source>
        <translation>Fees: {fees}</translation>
    </message>
    <message>
        <source>운영: {hours}</source>
        <translation>Open: {hours}</translation>
    </message>
    <message>
        <source>평일</source>
        <translation>Weekdays</translation>
    </message>
    <message>
        <source>토요일</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>주말</source>
        <translation>Weekends</translation>
    </message>
    <message>
        <source>공휴일</source>
        <translation>Holidays</translation>
    </message>
    <message>
        <source>전화 {phone}</source>
        <translation>Phone {phone}</translation>
    </message>
    <message>
        <source>{a}~{b}</source>
        <translation>{a} to {b}</translation>
    </message>
    <message>
        <source>{d}부터</source>
        <translation>from {d}</translation>
    </message>
    <message>
        <source>{n}건 · {t}</source>
        <translation>{n} · {t}</translation>
    </message>
    <message>
        <source>마을 소식</source>
        <translation>Village news</translation>
    </message>
    <message>
        <source>마을 소식 {i}/{n}</source>
        <translation>Village news {i}/{n}</translation>
    </message>
    <message>
        <source>새 소식 없음</source>
        <translation>Nothing new</translation>
    </message>
    <message>
        <source>지금은 새 소식이 없습니다</source>
        <translation>No news right now</translation>
    </message>
    <message>
        <source>중요</source>
        <translation>Important</translation>
    </message>
    <message>
        <source>지금은 운영 시간이 아닙니다 · {when}부터</source>
        <translation>Closed now · opens: {when}</translation>
    </message>
    <message>
        <source>{source} · {day}</source>
        <translation>{source} · {day}</translation>
    </message>
    <message>
        <source>공유허브</source>
        <translation>Sharing hub</translation>
    </message>
    <message>
        <source>나눔 소식</source>
        <translation>Sharing newsletter</translation>
    </message>
    <message>
        <source>휴대폰으로 전체 기사</source>
        <translation>Full article on your phone</translation>
    </message>
    <message>
        <source>오전</source>
        <translation>Morning</translation>
    </message>
    <message>
        <source>오후</source>
        <translation>Afternoon</translation>
    </message>
    <message>
        <source>저녁</source>
        <translation>Evening</translation>
    </message>
    <message>
        <source>앞 주</source>
        <translation>Previous week</translation>
    </message>
    <message>
        <source>다음 주</source>
        <translation>Next week</translation>
    </message>
    <message>
        <source>이 시간으로 예약 신청</source>
        <translation>Request this time</translation>
    </message>
    <message>
        <source>승인이 필요한 곳입니다. 신청한 뒤 관리사무소가 승인하면 확정됩니다.</source>
        <translation>Needs approval: you send a request, and it is confirmed once the office approves it.</translation>
    </message>
    <message>
        <source>한글은 앞의 숫자 2~3자리 다음에 누르세요. 예: 12가3456</source>
        <translation>Press the Korean letter after the first 2 or 3 digits, e.g. 12가3456.</translation>
    </message>
    <message>
        <source>이대로 신청할까요?</source>
        <translation>Send this request?</translation>
    </message>
    <message>
        <source>예약 신청</source>
        <translation>Send request</translation>
    </message>
    <message>
        <source>승인 대기 — 관리사무소가 승인하면 확정됩니다. '내 예약'에서 확인하세요.</source>
        <translation>Waiting for approval — confirmed once the office approves it. Check 'My bookings'.</translation>
    </message>
    <message>
        <source>{time}부터 체크인</source>
        <translation>Check in from {time}</translation>
    </message>
    <message>
        <source>이곳 {building}동을 미리 넣었습니다. 다른 동이면 '동'을 누르세요. 호와 비밀번호 네 자리를 누르면 바로 확인합니다. 비밀번호는 보이지 않습니다.</source>
        <translation>Building {building}, where this kiosk stands, is filled in. For another building, tap 'Building'. Type your unit and 4-digit PIN: it is checked as soon as the 4th digit is in. The PIN is never shown.</translation>
    </message>
    <message>
        <source>동, 호, 비밀번호 네 자리를 차례로 누르세요. 네 자리를 누르면 바로 확인합니다. 비밀번호는 보이지 않습니다.</source>
        <translation>Type your building, unit and 4-digit PIN in turn. The PIN is checked as soon as the 4th digit is in. It is never shown.</translation>
    </message>
    <message>
        <source>(바꾸기)</source>
        <translation>(change)</translation>
    </message>
    <message>
        <source>끝까지 누르면 바로 다음 화면으로 넘어갑니다.</source>
        <translation>Once the whole plate is typed, the next screen opens by itself.</translation>
    </message>
    <message>
        <source>차량 바꾸기</source>
        <translation>Change vehicle</translation>
    </message>
    <message>
        <source>한 세대에 한 자리입니다. 신청하기를 누르면 바로 자리가 잡힙니다.</source>
        <translation>One seat per household. Press Sign up and the seat is yours at once.</translation>
    </message>
    <message>
        <source>남은 자리 {left} / {seats}</source>
        <translation>{left} of {seats} seats left</translation>
    </message>
    <message>
        <source>신청 마감 {when}</source>
        <translation>Sign up by {when}</translation>
    </message>
    <message>
        <source>신청했습니다</source>
        <translation>You are signed up</translation>
    </message>
    <message>
        <source>신청을 취소했습니다</source>
        <translation>Sign-up cancelled</translation>
    </message>
    <message>
        <source>신청하기</source>
        <translation>Sign up</translation>
    </message>
    <message>
        <source>신청 취소</source>
        <translation>Cancel sign-up</translation>
    </message>
    <message>
        <source>마을 소식으로</source>
        <translation>Back to village news</translation>
    </message>
    <message>
        <source>자리를 돌려 드렸습니다. 마감 전이면 다시 신청할 수 있습니다.</source>
        <translation>Your seat was given back. You can sign up again before the deadline.</translation>
    </message>
    <message>
        <source>이 행사 신청을 취소할까요?</source>
        <translation>Cancel your sign-up for this event?</translation>
    </message>
    <message>
        <source>이 세대는 이미 신청했습니다. 못 오시면 취소해 주세요.</source>
        <translation>Your household is signed up. If you cannot come, please cancel.</translation>
    </message>
    <message>
        <source>자리가 모두 찼습니다. 취소가 생기면 다시 신청할 수 있습니다.</source>
        <translation>All seats are taken. If someone cancels, you can sign up again.</translation>
    </message>
    <message>
        <source>신청 마감이 지났습니다. 바꾸시려면 관리사무소에 문의하세요.</source>
        <translation>Sign-up has closed. To change anything, ask the management office.</translation>
    </message>
    <message>
        <source>참가비 {won}원</source>
        <translation>Fee {won} won</translation>
    </message>
    <message>
        <source>자리 없음 ({n}자리 모두 참)</source>
        <translation>No seats left (all {n} taken)</translation>
    </message>
    <message>
        <source>신청되어 있습니다. 신청 마감이 지나 취소는 관리사무소에서 합니다.</source>
        <translation>You are signed up. Sign-up has closed, so the management office handles cancellations.</translation>
    </message>
    <message>
        <source>{household} 세대 한 자리를 잡았습니다. 시간에 맞춰 와 주세요. 취소는 {when}까지 마을 소식에서 할 수 있습니다.</source>
        <translation>A seat is held for {household}. Please come on time. You can cancel in Village news until {when}.</translation>
    </message>
    <message>
        <source>{household} 세대의 행사 신청</source>
        <translation>Event sign-up for {household}</translation>
    </message>
    <message>
        <source>행사에 신청하려면 세대를 확인합니다</source>
        <translation>Confirm your household to sign up</translation>
    </message>
    <message>
        <source>다가오는 행사</source>
        <translation>Coming events</translation>
    </message>
    <message>
        <source>신청함</source>
        <translation>Signed up</translation>
    </message>
    <message>
        <source>신청</source>
        <translation>Sign up</translation>
    </message>
    <message>
        <source>신청 마감</source>
        <translation>Sign-up closed</translation>
    </message>
    <message>
        <source>행사 신청</source>
        <translation>Event sign-up</translation>
    </message>
    <message>
        <source>이미 끝난 행사입니다.</source>
        <translation>This event is already over.</translation>
    </message>
    <message>
        <source>이 세대는 이미 신청했습니다.</source>
        <translation>Your household is already signed up.</translation>
    </message>
    <message>
        <source>이 세대의 신청 내역이 없습니다.</source>
        <translation>Your household is not signed up for this event.</translation>
    </message>
    <message>
        <source>이 세대는 지금 신청할 수 없습니다. 관리사무소에 문의하세요.</source>
        <translation>Your household cannot sign up now. Please ask the management office.</translation>
    </message>
    <message>
        <source>이 행사는 더 이상 없습니다. 마을 소식을 다시 확인해 주세요.</source>
        <translation>This event is no longer offered. Please look at Village news again.</translation>
    </message>
    <message>
        <source>이용료</source>
        <translation>Fees</translation>
    </message>
    <message>
        <source>제공: {name}</source>
        <translation>Provided by: {name}</translation>
    </message>
    <message>
        <source>제공: {name} ({kind})</source>
        <translation>Provided by: {name} ({kind})</translation>
    </message>
    <message>
        <source>휴대폰으로 대여·안내 페이지 열기</source>
        <translation>Open the rental and info page on your phone</translation>
    </message>
    <message>
        <source>{member} 님의 예약</source>
        <translation>Bookings of {member}</translation>
    </message>
    <message>
        <source>예약하려면 이웃 회원을 확인합니다</source>
        <translation>To book, please identify yourself as a neighbour member</translation>
    </message>
    <message>
        <source>내 예약을 보려면 이웃 회원을 확인합니다</source>
        <translation>To see your bookings, please identify yourself as a neighbour member</translation>
    </message>
    <message>
        <source>단지 주민</source>
        <translation>Resident</translation>
    </message>
    <message>
        <source>이웃 회원</source>
        <translation>Neighbour</translation>
    </message>
    <message>
        <source>회원번호(예: N-0003이면 3) 또는 휴대전화 번호 끝 네 자리를 누르고, 비밀번호 네 자리를 누르세요. 비밀번호는 보이지 않습니다.</source>
        <translation>Press your member number (for N-0003, press 3) or the last four digits of your mobile phone, then your four-digit PIN. The PIN is not shown.</translation>
    </message>
    <message>
        <source>회원·전화번호</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>등록된 이웃 회원을 찾을 수 없습니다. 회원번호나 전화번호 끝 네 자리를 확인하고 다시 눌러 주세요.</source>
        <translation>No neighbour member was found. Check your member number or your phone's last four digits and try again.</translation>
    </message>
    <message>
        <source>이웃 회원 기간이 끝났거나 쉬고 있습니다. 관리사무소에서 회원을 다시 이어 주세요.</source>
        <translation>Your neighbour membership has ended or is paused. Please renew it at the management office.</translation>
    </message>
    <message>
        <source>전화번호 끝 네 자리가 같은 회원이 여럿입니다. 회원증의 회원번호를 눌러 주세요. 예: N-0003이면 3</source>
        <translation>Several members' phones end in these four digits. Please press the member number on your card, e.g. 3 for N-0003.</translation>
    </message>
    <message>
        <source>이곳은 단지 주민만 예약할 수 있습니다. 이웃 회원은 이웃에게 열린 공간과 물품을 예약할 수 있습니다. 다른 곳을 골라 주세요.</source>
        <translation>Only residents of the complex can book this. Neighbour members can book the spaces and items open to neighbours. Please choose another one.</translation>
    </message>
    <message>
        <source>휴대폰 카메라로 찍으면 달력에 추가됩니다</source>
        <translation>Scan with your phone's camera to add it to your calendar</translation>
    </message>
    <message>
        <source>{n}곳 더 있습니다. 글자를 더 누르면 좁혀집니다.</source>
        <translation>{n} more. Type more letters to narrow the list.</translation>
    </message>
    <message>
        <source>{n}곳 찾음 · 가까운 순</source>
        <translation>Found: {n} · nearest first</translation>
    </message>
    <message>
        <source>가까운 곳 {n}곳 · 글자를 누르면 좁혀집니다</source>
        <translation>Nearby: {n} · type letters to narrow the list</translation>
    </message>
    <message>
        <source>검색</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>글자로 바꾸기</source>
        <translation>Back to letters</translation>
    </message>
    <message>
        <source>글자를 지우거나 초성만 눌러 보세요.</source>
        <translation>Erase a letter, or type only the first consonants.</translation>
    </message>
    <message>
        <source>띄어쓰기</source>
        <translation>Space</translation>
    </message>
    <message>
        <source>숫자로 바꾸기</source>
        <translation>Switch to numbers</translation>
    </message>
    <message>
        <source>쌍자음</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>영문으로 바꾸기</source>
        <translation>Switch to English letters</translation>
    </message>
    <message>
        <source>이름으로 찾기</source>
        <translation>Search by name</translation>
    </message>
    <message>
        <source>이름이나 초성으로 찾기</source>
        <translation>Find a place by its name</translation>
    </message>
    <message>
        <source>이름이나 초성을 누르세요 (예: ㄱㅇ)</source>
        <translation>Type a name</translation>
    </message>
    <message>
        <source>찾는 곳이 없습니다</source>
        <translation>Nothing found</translation>
    </message>
    <message>
        <source>한글</source>
        <translation>Korean</translation>
    </message>
    <message>
        <source>한글로 바꾸기</source>
        <translation>Switch to Korean letters</translation>
    </message>
    <message>
        <source>이웃 회원이 쓸 수 있는 횟수나 시간을 모두 썼습니다. 다른 날을 고르시거나 '내 예약'에서 예약을 취소한 뒤 다시 하세요.</source>
        <translation>You have used up the bookings or time open to neighbour members. Pick another day, or cancel a booking under 'My bookings' and try again.</translation>
    </message>
</context>
<context>
    <name>lockdown</name>
    <message>
        <source>유지보수 모드 — 키오스크 잠금이 풀려 있습니다</source>
        <translation>Maintenance mode — the kiosk lock is off</translation>
    </message>
    <message>
        <source>키오스크 모드로 돌아가기</source>
        <translation>Back to kiosk mode</translation>
    </message>
    <message>
        <source>프로그램 종료</source>
        <translation>Quit the kiosk program</translation>
    </message>
    <message>
        <source>키오스크 모드를 끝내려면 관리자 PIN을 입력하세요.</source>
        <translation>Enter the installer PIN to leave kiosk mode.</translation>
    </message>
    <message>
        <source>관리자 PIN</source>
        <translation>Installer PIN</translation>
    </message>
    <message>
        <source>지우기</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>확인</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>취소</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>관리자 PIN이 설정되지 않았습니다. 설치 안내서를 보세요.</source>
        <translation>No installer PIN is set. See the installation guide.</translation>
    </message>
    <message>
        <source>PIN이 맞지 않습니다. {n}번 더 틀리면 잠깁니다.</source>
        <translation>Wrong PIN. {n} more wrong tries will lock it.</translation>
    </message>
    <message>
        <source>너무 많이 틀렸습니다. {time}까지 잠겼습니다.</source>
        <translation>Too many wrong tries. Locked until {time}.</translation>
    </message>
</context>
<context>
    <name>kiosk.ui.accessibility</name>
    <message>
        <source>음성 안내: 한국어 음성으로 안내합니다</source>
        <translation>Voice guidance: Korean voice</translation>
    </message>
    <message>
        <source>음성 안내: 영어 음성으로 안내합니다</source>
        <translation>Voice guidance: English voice</translation>
    </message>
    <message>
        <source>한국어 음성이 설치되지 않아 영어로 안내합니다. 관리사무소에 알려 주세요.</source>
        <translation>No Korean voice is installed, so guidance is in English. Please tell the management office.</translation>
    </message>
    <message>
        <source>영어 음성이 설치되지 않아 한국어로 안내합니다.</source>
        <translation>No English voice is installed, so guidance is in Korean.</translation>
    </message>
    <message>
        <source>음성 안내를 할 수 없습니다: 한국어와 영어 음성이 모두 없습니다. 관리사무소에 알려 주세요.</source>
        <translation>Voice guidance is unavailable: no Korean or English voice is installed. Please tell the management office.</translation>
    </message>
    <message>
        <source>음성 안내를 할 수 없습니다: 음성 엔진이 설치되지 않았습니다. 관리사무소에 알려 주세요.</source>
        <translation>Voice guidance is unavailable: no speech engine is installed. Please tell the management office.</translation>
    </message>
    <message>
        <source>음성 안내를 할 수 없습니다: 음성 서비스가 응답하지 않습니다. 관리사무소에 알려 주세요.</source>
        <translation>Voice guidance is unavailable: the speech service is not responding. Please tell the management office.</translation>
    </message>
    <message>
        <source>음성 안내를 준비하고 있습니다.</source>
        <translation>Voice guidance is starting.</translation>
    </message>
    <message>
        <source>음성 안내 오류: {detail}</source>
        <translation>Voice guidance error: {detail}</translation>
    </message>
    <message>
        <source>{title} 화면입니다.</source>
        <translation>{title} screen.</translation>
    </message>
    <message>
        <source>{name}, 버튼. 한 번 더 누르면 선택됩니다.</source>
        <translation>{name}, button. Tap again to select.</translation>
    </message>
    <message>
        <source>{name}, 입력란.</source>
        <translation>{name}, text field.</translation>
    </message>
    <message>
        <source>비밀번호 입력란. 숫자는 소리 내어 읽지 않습니다.</source>
        <translation>PIN field. Digits are not read aloud.</translation>
    </message>
    <message>
        <source>숫자 키. 한 번 더 누르면 입력됩니다.</source>
        <translation>Number key. Tap again to enter.</translation>
    </message>
    <message>
        <source>숫자 입력됨</source>
        <translation>Digit entered</translation>
    </message>
    <message>
        <source>한 자리 지움</source>
        <translation>One digit deleted</translation>
    </message>
    <message>
        <source>모두 지움</source>
        <translation>All cleared</translation>
    </message>
    <message>
        <source>음성 안내를 켰습니다.</source>
        <translation>Voice guidance is on.</translation>
    </message>
    <message>
        <source>켜짐</source>
        <translation>on</translation>
    </message>
    <message>
        <source>꺼짐</source>
        <translation>off</translation>
    </message>
    <message>
        <source>접근성</source>
        <translation>Accessibility</translation>
    </message>
    <message>
        <source>음성 안내: {state}</source>
        <translation>Voice: {state}</translation>
    </message>
    <message>
        <source>글자 크기 {scale} %</source>
        <translation>Text size {scale} %</translation>
    </message>
    <message>
        <source>고대비: {state}</source>
        <translation>High contrast: {state}</translation>
    </message>
    <message>
        <source>낮은 화면: {state}</source>
        <translation>Low screen: {state}</translation>
    </message>
    <message>
        <source>말하기 속도 {step}/{steps}</source>
        <translation>Speech rate {step}/{steps}</translation>
    </message>
    <message>
        <source>음량 {step}/{steps}</source>
        <translation>Volume {step}/{steps}</translation>
    </message>
    <message>
        <source>느리게</source>
        <translation>Slower</translation>
    </message>
    <message>
        <source>빠르게</source>
        <translation>Faster</translation>
    </message>
    <message>
        <source>작게</source>
        <translation>Quieter</translation>
    </message>
    <message>
        <source>크게</source>
        <translation>Louder</translation>
    </message>
    <message>
        <source>다시 듣기</source>
        <translation>Replay</translation>
    </message>
    <message>
        <source>멈춤</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>처음 상태로</source>
        <translation>Reset</translation>
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
        <source>{kind} 표시 중, {count}곳</source>
        <translation>{kind} shown, {count} places</translation>
    </message>
    <message>
        <source>{kind} 숨김, {count}곳</source>
        <translation>{kind} hidden, {count} places</translation>
    </message>
    <message>
        <source>지도 확대</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>지도 축소</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>현재 위치로 돌아가기</source>
        <translation>Back to where you are</translation>
    </message>
    <message>
        <source>범례 펼치기</source>
        <translation>Open the legend</translation>
    </message>
    <message>
        <source>범례 접기</source>
        <translation>Close the legend</translation>
    </message>
    <message>
        <source>{name}, {state}. 한 번 더 누르면 자세히 봅니다.</source>
        <translation>{name}, {state}. Tap again for details.</translation>
    </message>
    <message>
        <source>지금 {free} / {total} 이용 가능</source>
        <translation>{free} of {total} free now</translation>
    </message>
    <message>
        <source>지금 {free} 이용 가능</source>
        <translation>{free} free now</translation>
    </message>
    <message>
        <source>이용 정보 없음</source>
        <translation>No availability data</translation>
    </message>
    <message>
        <source>이용 중지</source>
        <translation>Out of service</translation>
    </message>
</context>
<context>
    <name>kiosk</name>
    <message>
        <source>마을 자원은 늘 최신입니다</source>
        <translation>Village resources are always up to date</translation>
    </message>
    <message>
        <source>공공 목록 {time} 기준</source>
        <translation>Public listings as of {time}</translation>
    </message>
</context>
<context>
    <name>kiosk.ui.help</name>
    <message>
        <source>도움말 · 전화</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>도움말</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>관리사무소</source>
        <translation>Management office</translation>
    </message>
    <message>
        <source>도움이 필요하신가요?</source>
        <translation>Need help?</translation>
    </message>
    <message>
        <source>전화번호가 설정되지 않았습니다. 관리사무소에 직접 문의하세요.</source>
        <translation>No phone number has been set up. Please ask at the management office.</translation>
    </message>
    <message>
        <source>운영 시간: {hours}</source>
        <translation>Opening hours: {hours}</translation>
    </message>
    <message>
        <source>휴대전화로 찍으면 안내 페이지가 열립니다</source>
        <translation>Scan with your phone to open the page</translation>
    </message>
    <message>
        <source>휴대전화로 찍으면 바로 전화를 걸 수 있습니다</source>
        <translation>Scan with your phone to call</translation>
    </message>
    <message>
        <source>예약이 안 되거나 화면을 쓰기 어려우면 위 번호로 전화하세요.</source>
        <translation>If a booking does not work or the screen is hard to use, call the number above.</translation>
    </message>
    <message>
        <source>예약이 안 되거나 화면을 쓰기 어려우면 관리사무소에 직접 문의하세요.</source>
        <translation>If a booking does not work or the screen is hard to use, ask at the management office.</translation>
    </message>
    <message>
        <source>글자 크기, 음성 안내, 고대비 화면은 &apos;접근성 · 음성&apos; 버튼에서 바꿀 수 있습니다.</source>
        <translation>Text size, voice guidance and high contrast are under the &apos;Accessibility · voice&apos; button.</translation>
    </message>
    <message>
        <source>&apos;닫기&apos;를 누르면 보던 화면으로 돌아갑니다. 입력하신 내용은 그대로 있습니다.</source>
        <translation>&apos;Close&apos; takes you back to where you were; what you entered is kept.</translation>
    </message>
    <message>
        <source>닫기</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>{office} 전화번호는 {digits}입니다.</source>
        <translation>{office}, phone number: {digits}.</translation>
    </message>
    <message>
        <source>{office}에 직접 문의하세요.</source>
        <translation>{office}: please ask there in person.</translation>
    </message>
    <message>
        <source>운영 시간은 {hours}입니다.</source>
        <translation>Opening hours: {hours}.</translation>
    </message>
    <message>
        <source>다 보셨으면 닫기를 누르세요. 보던 화면으로 돌아갑니다.</source>
        <translation>When you are done, press Close to go back to where you were.</translation>
    </message>
</context>
</TS>
