// What the composition root (src/app.ts, src/config.ts) uses of the whiteboard.
export { boardLink, BoardServerError, startBoardServer, type BoardLink, type BoardServer, type BoardSettings } from './board-server.ts'
