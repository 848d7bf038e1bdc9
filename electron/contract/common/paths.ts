// Where the browser host serves the wall's WebSocket (its server and the renderer's client).
export const WS_PATH = '/api/ws';
