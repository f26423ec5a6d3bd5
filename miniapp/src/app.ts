import { useEffect, type PropsWithChildren } from 'react'
import Taro from '@tarojs/taro'
import { Routes } from './routes'
import { SESSION_ENDED_EVENT } from './services/session'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useEffect(() => {
    const backToSignIn = () => {
      void Taro.reLaunch({ url: Routes.mine })
    }
    Taro.eventCenter.on(SESSION_ENDED_EVENT, backToSignIn)
    return () => {
      Taro.eventCenter.off(SESSION_ENDED_EVENT, backToSignIn)
    }
  }, [])

  return children
}

export default App
