<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="ko_KR">
<context>
    <name>kiosk</name>
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
        <source>사용 중지: {reason}</source>
        <translation>Out of service: {reason}</translation>
    </message>
    <message>
        <source>안내 전용 · 예약 없이 이용</source>
        <translation>Information only · no booking needed</translation>
    </message>
    <message>
        <source>지금 {free} / {total} 이용 가능</source>
        <translation>{free} of {total} free now</translation>
    </message>
    <message>
        <source>오늘은 예약이 모두 찼거나 마감되었습니다</source>
        <translation>Fully booked or closed for the rest of today</translation>
    </message>
    <message>
        <source>오늘 {time}부터 예약 가능</source>
        <translation>Bookable today from {time}</translation>
    </message>
    <message>
        <source>오프라인에서도 작동합니다 · 마을 자료 기준 {time}</source>
        <translation>Works offline · village data as of {time}</translation>
    </message>
    <message>
        <source>지금은 운영 시간이 아닙니다</source>
        <translation>Closed at this hour</translation>
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
</TS>
