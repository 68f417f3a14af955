Console.Error.WriteLine("usage: chatbot validate|test|graph|chat <folder>");
return 2;
