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
</context>
</TS>
