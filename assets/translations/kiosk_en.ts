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
</TS>
